// Turns the bytes of a .hpo file into tokens.
#pragma once

#include "dsl/diagnostics.h"
#include "dsl/token.h"

#include <vector>

namespace hpoc::dsl {

/// Splits a file into tokens. Errors (a stray byte, an unterminated string) are
/// reported to the engine and produce an Invalid token, so the parser can go on.
/// The last token is always Eof.
class Lexer {
public:
  Lexer(const SourceManager& sm, std::uint32_t file, DiagnosticEngine& diags);
  std::vector<Token> lexAll();

private:
  Token next();
  Token make(TokenKind k, std::uint32_t begin, std::string text = {});
  SourceRange rangeOf(std::uint32_t begin, std::uint32_t end) const;
  void skipSpaceAndComments();
  Token lexString(std::uint32_t begin);
  Token lexTripleString(std::uint32_t begin);
  /// Reports the first byte in [from, to) that a string may not hold.
  void checkStringBytes(std::uint32_t from, std::uint32_t to, bool multiline);
  Token lexNumber(std::uint32_t begin);
  bool decodeEscape(std::string& out);

  std::string_view text_;
  std::uint32_t file_;
  DiagnosticEngine& diags_;
  std::uint32_t pos_ = 0;
  bool atLineStart_ = true;
};

} // namespace hpoc::dsl
