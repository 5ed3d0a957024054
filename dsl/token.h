// The tokens of the .hpo language.
#pragma once

#include "dsl/source_manager.h"

#include <string>

namespace hpoc::dsl {

enum class TokenKind {
  Eof,
  Identifier, ///< names and keywords; keywords are contextual
  String,     ///< "..." or """...""" ; `text` holds the decoded value
  Number,     ///< 12, 0.5, 1e-3; `text` holds the spelling
  Quantity,   ///< a number with a unit suffix: 30s, 4GiB; `text` holds the spelling
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  EqualEqual,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  AmpAmp,
  PipePipe,
  Bang,
  Invalid, ///< the lexer already reported it
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  SourceRange range;
  std::string text;
  bool startsLine = false; ///< first token on its line; the parser resynchronises here

  bool is(TokenKind k) const { return kind == k; }
  bool isWord(std::string_view w) const { return kind == TokenKind::Identifier && text == w; }
};

const char* tokenKindName(TokenKind k);

} // namespace hpoc::dsl
