#pragma once
// UTF-8 checks for text that goes into JSON (configs, journals, results, prompts),
// which holds UTF-8 text only: a study file's strings are checked when it is read,
// and what a trainer writes is made valid before it is recorded.

#include <cstddef>
#include <string>
#include <string_view>

namespace hpoc::rt {

/// Length of the UTF-8 sequence at the start of `s`, or 0 when it is not valid UTF-8
/// (a stray continuation byte, a truncated or overlong sequence, a surrogate, or a
/// code point above U+10FFFF).
inline std::size_t utf8SequenceLength(std::string_view s) {
  if (s.empty())
    return 0;
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b = at(0);
  std::size_t n = b < 0x80                 ? 1
                  : b >= 0xC2 && b <= 0xDF ? 2
                  : b >= 0xE0 && b <= 0xEF ? 3
                  : b >= 0xF0 && b <= 0xF4 ? 4
                                           : 0;
  if (n == 0 || s.size() < n)
    return 0;
  if (n == 1)
    return 1;
  unsigned char lo = 0x80, hi = 0xBF; // the second byte's bounds
  if (b == 0xE0)
    lo = 0xA0; // not overlong
  else if (b == 0xED)
    hi = 0x9F; // not a surrogate
  else if (b == 0xF0)
    lo = 0x90; // not overlong
  else if (b == 0xF4)
    hi = 0x8F; // not above U+10FFFF
  if (at(1) < lo || at(1) > hi)
    return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (at(i) < 0x80 || at(i) > 0xBF)
      return 0;
  return n;
}

/// `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
inline std::string validUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8SequenceLength(s.substr(i));
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

} // namespace hpoc::rt
