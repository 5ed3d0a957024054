#include "compiler/codegen/cpp_literals.h"

#include <charconv>
#include <cstdio>

namespace hpoc::codegen {

namespace {
std::string escapeLine(std::string_view s) {
  std::string out = "\"";
  char previous = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '?':
      // C++17 has no trigraphs, but GCC's -Wall still warns of "??=" and the like in
      // a user's build (an error with -Werror); "?\?" reads the same without one.
      out += previous == '?' ? "\\?" : "?";
      break;
    default:
      if (u < 0x20 || u == 0x7f) {
        char oct[6];
        std::snprintf(oct, sizeof oct, "\\%03o", u); // octal: never runs into a following digit
        out += oct;
      } else {
        out += c;
      }
    }
    previous = c;
  }
  return out + "\"";
}
} // namespace

std::string cppString(std::string_view s, int indent) {
  std::size_t nl = s.find('\n');
  if (nl == std::string_view::npos || nl + 1 == s.size())
    return escapeLine(s);
  std::string out;
  std::string pad(static_cast<std::size_t>(indent), ' ');
  bool first = true;
  while (!s.empty()) {
    nl = s.find('\n');
    std::string_view line = nl == std::string_view::npos ? s : s.substr(0, nl + 1);
    s.remove_prefix(line.size());
    if (!first)
      out += "\n" + pad;
    out += escapeLine(line);
    first = false;
  }
  return out;
}

std::string cppDouble(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".eEn") == std::string::npos)
    s += ".0";
  return s;
}

} // namespace hpoc::codegen
