#include "runtime/support/command_line.h"

namespace hpoc::rt {

std::string shellQuote(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s)
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) ||
                      std::string("_./-=:+,@%").find(c) != std::string::npos);
  if (plain)
    return s;
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool expandCommand(const std::string& templ, const std::map<std::string, std::string>& values,
                   std::string* out, std::string* err) {
  out->clear();
  char quote = 0; // the shell quote we are inside, if any
  for (std::size_t i = 0; i < templ.size(); ++i) {
    char c = templ[i];
    if ((c == '{' || c == '}') && i + 1 < templ.size() && templ[i + 1] == c) {
      *out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t close = templ.find('}', i);
      if (close == std::string::npos) {
        *err = "unclosed '{' in the command line: " + templ;
        return false;
      }
      std::string name = templ.substr(i + 1, close - i - 1);
      auto it = values.find(name);
      if (it == values.end()) {
        *err = "unknown placeholder '{" + name + "}' in the command line: " + templ;
        return false;
      }
      const std::string& v = it->second;
      if (quote == '\'') {
        *out += v;
      } else if (quote == '"') {
        for (char d : v) {
          if (d == '"' || d == '\\' || d == '$' || d == '`')
            *out += '\\';
          *out += d;
        }
      } else {
        *out += shellQuote(v);
      }
      i = close;
      continue;
    }
    if (c == '\\' && quote != '\'' && i + 1 < templ.size()) {
      *out += c;
      *out += templ[++i];
      continue;
    }
    if ((c == '\'' || c == '"') && (quote == 0 || quote == c))
      quote = quote ? 0 : c;
    *out += c;
  }
  return true;
}

} // namespace hpoc::rt
