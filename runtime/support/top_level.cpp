#include "runtime/support/top_level.h"

#include <exception>
#include <ostream>

namespace hpoc::rt {

int runGuarded(const std::string& who, const std::function<int()>& body, std::ostream& err) {
  try {
    return body();
  } catch (const std::exception& e) {
    err << who << ": internal error: " << e.what() << "\n";
  } catch (...) {
    err << who << ": internal error: an exception that is not a std::exception\n";
  }
  err.flush();
  return kInternalErrorStatus;
}

} // namespace hpoc::rt
