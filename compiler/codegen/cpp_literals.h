// Spelling values as C++ literals, the same way every time.
#pragma once

#include <string>
#include <string_view>

namespace hpoc::codegen {

/// A C++ string literal for `s`; text with newlines becomes one literal per line,
/// joined by adjacent-literal concatenation and indented by `indent` spaces.
std::string cppString(std::string_view s, int indent = 0);

/// The shortest spelling that reads back as the same double, always with a '.'
/// or an exponent so that it stays a double in an initializer.
std::string cppDouble(double v);

} // namespace hpoc::codegen
