#include "dsl/lexer.h"

#include "runtime/support/utf8.h"

#include <algorithm>
#include <cstdio>

namespace hpoc::dsl {

const char* tokenKindName(TokenKind k) {
  switch (k) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Identifier:
    return "name";
  case TokenKind::String:
    return "string";
  case TokenKind::Number:
    return "number";
  case TokenKind::Quantity:
    return "quantity";
  case TokenKind::LBrace:
    return "'{'";
  case TokenKind::RBrace:
    return "'}'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::EqualEqual:
    return "'=='";
  case TokenKind::NotEqual:
    return "'!='";
  case TokenKind::Less:
    return "'<'";
  case TokenKind::LessEqual:
    return "'<='";
  case TokenKind::Greater:
    return "'>'";
  case TokenKind::GreaterEqual:
    return "'>='";
  case TokenKind::AmpAmp:
    return "'&&'";
  case TokenKind::PipePipe:
    return "'||'";
  case TokenKind::Bang:
    return "'!'";
  case TokenKind::Invalid:
    return "invalid token";
  }
  return "token";
}

namespace {
/// A byte as a diagnostic names it: 0x1F.
std::string hexByte(unsigned char u) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", u);
  return hex;
}

bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isIdentBody(char c) {
  return isIdentStart(c) || isDigit(c) || c == '-' || c == '.';
}
bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
} // namespace

Lexer::Lexer(const SourceManager& sm, std::uint32_t file, DiagnosticEngine& diags)
    : text_(sm.text(file)), file_(file), diags_(diags) {
  // A UTF-8 byte order mark, as some editors write, is not part of the text.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF")
    pos_ = 3;
}

SourceRange Lexer::rangeOf(std::uint32_t begin, std::uint32_t end) const {
  return {{file_, begin}, end};
}

Token Lexer::make(TokenKind k, std::uint32_t begin, std::string text) {
  Token t{k, rangeOf(begin, pos_), std::move(text), atLineStart_};
  atLineStart_ = false;
  return t;
}

std::vector<Token> Lexer::lexAll() {
  std::vector<Token> out;
  for (;;) {
    out.push_back(next());
    if (out.back().is(TokenKind::Eof) || diags_.saturated()) {
      if (!out.back().is(TokenKind::Eof))
        out.push_back(make(TokenKind::Eof, pos_));
      return out;
    }
  }
}

void Lexer::skipSpaceAndComments() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') {
      atLineStart_ = true;
      ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '#' || (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/')) {
      while (pos_ < text_.size() && text_[pos_] != '\n')
        ++pos_;
    } else {
      return;
    }
  }
}

Token Lexer::next() {
  skipSpaceAndComments();
  std::uint32_t begin = pos_;
  if (pos_ >= text_.size())
    return make(TokenKind::Eof, begin);
  char c = text_[pos_];
  auto two = [&](char second) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == second; };
  auto single = [&](TokenKind k) {
    ++pos_;
    return make(k, begin);
  };
  auto pair = [&](TokenKind k) {
    pos_ += 2;
    return make(k, begin);
  };

  if (isIdentStart(c)) {
    while (pos_ < text_.size() && isIdentBody(text_[pos_]))
      ++pos_;
    return make(TokenKind::Identifier, begin, std::string(text_.substr(begin, pos_ - begin)));
  }
  if (isDigit(c) ||
      ((c == '-' || c == '+' || c == '.') && pos_ + 1 < text_.size() &&
       (isDigit(text_[pos_ + 1]) || (text_[pos_ + 1] == '.' && c != '.' &&
                                     pos_ + 2 < text_.size() && isDigit(text_[pos_ + 2])))))
    return lexNumber(begin);
  if (c == '"') {
    if (text_.substr(pos_, 3) == "\"\"\"")
      return lexTripleString(begin);
    return lexString(begin);
  }
  switch (c) {
  case '{':
    return single(TokenKind::LBrace);
  case '}':
    return single(TokenKind::RBrace);
  case '[':
    return single(TokenKind::LBracket);
  case ']':
    return single(TokenKind::RBracket);
  case '(':
    return single(TokenKind::LParen);
  case ')':
    return single(TokenKind::RParen);
  case ',':
    return single(TokenKind::Comma);
  case '=':
    if (two('='))
      return pair(TokenKind::EqualEqual);
    ++pos_;
    diags_.error(rangeOf(begin, pos_), "'=' is not an operator here; use '==' to compare");
    return make(TokenKind::Invalid, begin);
  case '!':
    return two('=') ? pair(TokenKind::NotEqual) : single(TokenKind::Bang);
  case '<':
    return two('=') ? pair(TokenKind::LessEqual) : single(TokenKind::Less);
  case '>':
    return two('=') ? pair(TokenKind::GreaterEqual) : single(TokenKind::Greater);
  case '&':
    if (two('&'))
      return pair(TokenKind::AmpAmp);
    break;
  case '|':
    if (two('|'))
      return pair(TokenKind::PipePipe);
    break;
  default:
    break;
  }
  if ((c == '-' || c == '+') && pos_ + 1 < text_.size() && isIdentStart(text_[pos_ + 1])) {
    // A sign before a word, as in [-inf, inf]: one diagnostic for the whole of it.
    ++pos_;
    while (pos_ < text_.size() && isIdentBody(text_[pos_]))
      ++pos_;
    diags_.error(rangeOf(begin, pos_),
                 "'" + std::string(text_.substr(begin, std::min<std::size_t>(pos_ - begin, 40))) +
                     "' is not a number; a sign stands before a number only");
    return make(TokenKind::Invalid, begin);
  }
  // One diagnostic for a whole run of bytes the language has no use for.
  auto bad = [&](char b) {
    return !(isIdentStart(b) || isDigit(b) || b == '"' || b == ' ' || b == '\t' || b == '\n' ||
             b == '\r' || b == '#' ||
             std::string_view("{}[](),=!<>&|/-+.").find(b) != std::string_view::npos);
  };
  ++pos_;
  while (pos_ < text_.size() && bad(text_[pos_]))
    ++pos_;
  auto u = static_cast<unsigned char>(c);
  std::string msg;
  if (u >= 0x21 && u < 0x7f) {
    msg = std::string("unexpected character '") + c + "'";
  } else {
    msg = "unexpected byte " + hexByte(u) + (u >= 0x80 ? " outside a string" : "");
  }
  diags_.error(rangeOf(begin, pos_), msg);
  return make(TokenKind::Invalid, begin);
}

Token Lexer::lexNumber(std::uint32_t begin) {
  if (text_[pos_] == '-' || text_[pos_] == '+')
    ++pos_;
  while (pos_ < text_.size() && isDigit(text_[pos_]))
    ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    while (pos_ < text_.size() && isDigit(text_[pos_]))
      ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    std::uint32_t save = pos_;
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+'))
      ++pos_;
    if (pos_ < text_.size() && isDigit(text_[pos_])) {
      while (pos_ < text_.size() && isDigit(text_[pos_]))
        ++pos_;
    } else {
      pos_ = save; // "3e" is a quantity with unit "e", judged by the parser
    }
  }
  TokenKind kind = TokenKind::Number;
  if (pos_ < text_.size() && isAlpha(text_[pos_])) {
    while (pos_ < text_.size() && isAlpha(text_[pos_]))
      ++pos_;
    kind = TokenKind::Quantity;
  }
  if (pos_ < text_.size() && (isDigit(text_[pos_]) || text_[pos_] == '_' || text_[pos_] == '.')) {
    while (pos_ < text_.size() && isIdentBody(text_[pos_]))
      ++pos_;
    diags_.error(rangeOf(begin, pos_),
                 "malformed number " + quoteForMessage(text_.substr(begin, pos_ - begin)));
    return make(TokenKind::Invalid, begin);
  }
  return make(kind, begin, std::string(text_.substr(begin, pos_ - begin)));
}

bool Lexer::decodeEscape(std::string& out) {
  // pos_ is on the character after the backslash.
  char e = text_[pos_];
  switch (e) {
  case 'n':
    out += '\n';
    break;
  case 't':
    out += '\t';
    break;
  case '"':
  case '\\':
    out += e;
    break;
  default:
    return false;
  }
  ++pos_;
  return true;
}

void Lexer::checkStringBytes(std::uint32_t from, std::uint32_t to, bool multiline) {
  // A text goes into prompts, configs and reports as JSON, which holds UTF-8 text
  // only; report the first byte that is not, once per string.
  std::string_view raw = text_.substr(from, to - from);
  for (std::size_t i = 0; i < raw.size();) {
    auto u = static_cast<unsigned char>(raw[i]);
    auto at = static_cast<std::uint32_t>(from + i);
    if (u == 0) {
      diags_.error(rangeOf(at, at + 1), "NUL byte inside a string");
      return;
    }
    bool lineBreak = u == '\n' || (u == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n');
    if ((u < 0x20 && u != '\t' && !(multiline && lineBreak)) || u == 0x7f) {
      diags_.error(rangeOf(at, at + 1),
                   "control byte " + hexByte(u) +
                       " inside a string; a text holds printable "
                       "characters, tabs and (in \"\"\"...\"\"\") line breaks");
      return;
    }
    std::size_t n = rt::utf8SequenceLength(raw.substr(i));
    if (n == 0) {
      diags_.error(rangeOf(at, at + 1), "byte " + hexByte(u) +
                                            " inside a string is not UTF-8; a study file is "
                                            "UTF-8 text");
      return;
    }
    i += n;
  }
}

Token Lexer::lexString(std::uint32_t begin) {
  ++pos_; // opening quote
  std::string value;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      checkStringBytes(begin + 1, pos_ - 1, /*multiline=*/false);
      return make(TokenKind::String, begin, std::move(value));
    }
    if (c == '\n')
      break;
    if (c == '\\') {
      std::uint32_t esc = pos_++;
      if (pos_ >= text_.size())
        break;
      if (!decodeEscape(value)) {
        diags_.error(rangeOf(esc, pos_ + 1), "unknown escape sequence '\\" +
                                                 std::string(1, text_[pos_]) +
                                                 "'; use \\n, \\t, \\\" or \\\\");
        ++pos_;
      }
      continue;
    }
    value += c;
    ++pos_;
  }
  diags_.error(rangeOf(begin, begin + 1), "unterminated string; a \"...\" string ends on its line "
                                          "(use \"\"\"...\"\"\" for text over several lines)");
  return make(TokenKind::Invalid, begin);
}

namespace {
/// Drops a leading newline and the indentation common to every non-blank line, so
/// that a long text can be indented with the study that holds it.
std::string dedent(std::string_view raw) {
  if (!raw.empty() && raw.front() == '\n')
    raw.remove_prefix(1);
  else if (raw.size() > 1 && raw[0] == '\r' && raw[1] == '\n')
    raw.remove_prefix(2);
  std::size_t common = std::string_view::npos;
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t end = raw.find('\n', i);
    if (end == std::string_view::npos)
      end = raw.size();
    std::string_view line = raw.substr(i, end - i);
    std::size_t indent = line.find_first_not_of(" \t\r");
    if (indent != std::string_view::npos && indent < common)
      common = indent;
    i = end + 1;
  }
  if (common == std::string_view::npos)
    common = 0;
  std::string out;
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t end = raw.find('\n', i);
    if (end == std::string_view::npos)
      end = raw.size();
    std::string_view line = raw.substr(i, end - i);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    line.remove_prefix(std::min(common, line.size()));
    out += line;
    if (end < raw.size())
      out += '\n';
    i = end + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t'))
    out.pop_back();
  return out;
}
} // namespace

Token Lexer::lexTripleString(std::uint32_t begin) {
  pos_ += 3;
  std::size_t close = text_.find("\"\"\"", pos_);
  if (close == std::string_view::npos) {
    pos_ = static_cast<std::uint32_t>(text_.size());
    diags_.error(rangeOf(begin, begin + 3), "unterminated \"\"\"...\"\"\" text");
    return make(TokenKind::Invalid, begin);
  }
  std::string_view raw = text_.substr(pos_, close - pos_);
  checkStringBytes(pos_, static_cast<std::uint32_t>(close), /*multiline=*/true);
  pos_ = static_cast<std::uint32_t>(close + 3);
  return make(TokenKind::String, begin, dedent(raw));
}

} // namespace hpoc::dsl
