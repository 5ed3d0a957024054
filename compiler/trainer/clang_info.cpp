#include "compiler/trainer/clang_info.h"

#include <clang/Basic/Version.h>

namespace hpoc::trainer {

std::string clangVersion() {
  return clang::getClangFullVersion();
}

} // namespace hpoc::trainer
