#include "compiler/trainer/clang_info.h"

namespace hpoc::trainer {

std::string clangVersion() {
  return "none";
}

} // namespace hpoc::trainer
