#include "compiler/driver/commands.h"
#include "compiler/trainer/clang_info.h"

namespace hpoc::driver {

std::string versionLine() {
  return std::string("hpoc ") + HPOC_VERSION + " (trainer reader: " + trainer::clangVersion() + ")";
}

} // namespace hpoc::driver
