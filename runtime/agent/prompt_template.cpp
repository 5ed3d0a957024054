#include "runtime/agent/prompt_template.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace hpoc::agent {

namespace {
const std::pair<std::string_view, std::string_view> kTemplates[] = {
#include "prompts.inc"
};
} // namespace

std::string_view promptTemplate(std::string_view name) {
  for (const auto& [n, text] : kTemplates)
    if (n == name)
      return text;
  std::fprintf(stderr, "hpoc: internal error: no prompt template '%.*s'\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

std::string renderTemplate(std::string_view tmpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(tmpl.size() * 2);
  std::size_t i = 0;
  while (i < tmpl.size()) {
    std::size_t open = tmpl.find("{{", i);
    if (open == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    std::size_t close = tmpl.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    std::string key(tmpl.substr(open + 2, close - open - 2));
    auto it = vars.find(key);
    if (it == vars.end()) {
      std::fprintf(stderr, "hpoc: internal error: prompt placeholder {{%s}} has no value\n",
                   key.c_str());
      std::abort();
    }
    out += it->second;
    i = close + 2;
  }
  // Templates end with a newline; the message content does not need it.
  while (!out.empty() && out.back() == '\n')
    out.pop_back();
  return out;
}

namespace {
/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when the bytes there are not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80           ? 1
                  : (b >> 5) == 0x6  ? 2
                  : (b >> 4) == 0xE  ? 3
                  : (b >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2)
      return 0;
  return n;
}
} // namespace

std::string defuse(std::string_view text, std::size_t maxBytes) {
  std::string out;
  bool cut = text.size() > maxBytes;
  if (cut)
    text = text.substr(text.size() - maxBytes); // the end of a log says the most
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // "<<<" and ">>>" could forge a frame: break every run of three.
    if ((c == '<' || c == '>') && i >= 2 && text[i - 1] == c && text[i - 2] == c) {
      out += ' ';
    }
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t')
      continue;
    if (u >= 0x80) {
      // JSON needs valid UTF-8; a log may hold anything.
      std::size_t n = utf8Length(text, i);
      if (n == 0) {
        out += '?';
        continue;
      }
      out.append(text.substr(i, n));
      i += n - 1;
      continue;
    }
    out += c;
  }
  if (cut)
    out = "[...]" + out;
  return out;
}

std::string untrustedBlock(std::string_view text, std::size_t maxBytes) {
  return "<<<data\n" + defuse(text, maxBytes) + "\ndata>>>";
}

} // namespace hpoc::agent
