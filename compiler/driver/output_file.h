// Writing generated files so that a reader never sees half of one.
#pragma once

#include <string>

namespace hpoc::driver {

/// Writes `content` to `path` through a temporary file and a rename, so `path`
/// holds either its old bytes or all of the new ones. Leaves the file untouched
/// when it already holds `content`, so its timestamp stays and Ninja's restat
/// skips work downstream. Returns false with `*err` set on failure.
bool writeFileIfChanged(const std::string& path, const std::string& content, std::string* err);

} // namespace hpoc::driver
