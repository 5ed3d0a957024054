// Facts about the Clang LibTooling hpoc was built with.
#pragma once

#include <string>

namespace hpoc::trainer {

/// Clang's version string, or "none" when hpoc was built without Clang.
std::string clangVersion();

} // namespace hpoc::trainer
