#include "dsl/lexer.h"

#include <gtest/gtest.h>

namespace hpoc::dsl {
namespace {

struct Lexed {
  SourceManager sm;
  DiagnosticEngine diags{sm};
  std::vector<Token> tokens;
};

std::unique_ptr<Lexed> lex(std::string text) {
  auto l = std::make_unique<Lexed>();
  std::uint32_t id = l->sm.addBuffer("t.hpo", std::move(text));
  l->tokens = Lexer(l->sm, id, l->diags).lexAll();
  return l;
}

TEST(Lexer, NumbersQuantitiesAndWords) {
  auto l = lex("lr 1e-3 -0.5 +2 30s 4GiB resnet18-d");
  ASSERT_EQ(l->tokens.size(), 8u);
  EXPECT_EQ(l->tokens[0].kind, TokenKind::Identifier);
  EXPECT_EQ(l->tokens[1].kind, TokenKind::Number);
  EXPECT_EQ(l->tokens[1].text, "1e-3");
  EXPECT_EQ(l->tokens[2].text, "-0.5");
  EXPECT_EQ(l->tokens[3].text, "+2");
  EXPECT_EQ(l->tokens[4].kind, TokenKind::Quantity);
  EXPECT_EQ(l->tokens[5].text, "4GiB");
  EXPECT_EQ(l->tokens[6].text, "resnet18-d");
  EXPECT_EQ(l->tokens[7].kind, TokenKind::Eof);
  EXPECT_FALSE(l->diags.hasErrors());
}

TEST(Lexer, OperatorsAndLineStarts) {
  auto l = lex("a == b\n!= <= >= < > && || !");
  std::vector<TokenKind> kinds;
  for (auto& t : l->tokens)
    kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::Identifier, TokenKind::EqualEqual,
                                           TokenKind::Identifier, TokenKind::NotEqual,
                                           TokenKind::LessEqual, TokenKind::GreaterEqual,
                                           TokenKind::Less, TokenKind::Greater, TokenKind::AmpAmp,
                                           TokenKind::PipePipe, TokenKind::Bang, TokenKind::Eof}));
  EXPECT_TRUE(l->tokens[0].startsLine);
  EXPECT_FALSE(l->tokens[1].startsLine);
  EXPECT_TRUE(l->tokens[3].startsLine);
}

TEST(Lexer, StringsDecodeEscapes) {
  auto l = lex(R"("a \"q\" \\ \n\t")");
  ASSERT_EQ(l->tokens[0].kind, TokenKind::String);
  EXPECT_EQ(l->tokens[0].text, "a \"q\" \\ \n\t");
}

TEST(Lexer, TripleQuotedTextIsDedented) {
  auto l = lex("task \"\"\"\n    first line\n      indented\n    last\n  \"\"\"");
  ASSERT_EQ(l->tokens[1].kind, TokenKind::String);
  EXPECT_EQ(l->tokens[1].text, "first line\n  indented\nlast");
}

TEST(Lexer, CommentsAreSkipped) {
  auto l = lex("a # comment \"unterminated\nb // another\nc");
  ASSERT_EQ(l->tokens.size(), 4u);
  EXPECT_EQ(l->tokens[2].text, "c");
}

TEST(Lexer, UnterminatedStringIsLocated) {
  auto l = lex("x \"abc\ny");
  ASSERT_EQ(l->diags.errorCount(), 1u);
  EXPECT_EQ(l->diags.diagnostics()[0].range.begin.offset, 2u);
  EXPECT_EQ(l->tokens.back().kind, TokenKind::Eof);
}

TEST(Lexer, RunOfStrayBytesIsOneError) {
  auto l = lex("a @@@$$ b");
  EXPECT_EQ(l->diags.errorCount(), 1u);
  EXPECT_NE(l->diags.diagnostics()[0].message.find("'@'"), std::string::npos);
}

TEST(Lexer, MalformedNumber) {
  auto l = lex("1.2.3");
  EXPECT_EQ(l->diags.errorCount(), 1u);
}

TEST(Lexer, ErrorLimitStopsLexing) {
  std::string garbage;
  for (int i = 0; i < 1000; ++i)
    garbage += "\"\n";
  auto l = lex(garbage);
  EXPECT_TRUE(l->diags.saturated());
  EXPECT_EQ(l->diags.errorCount(), 20u);
  EXPECT_EQ(l->tokens.back().kind, TokenKind::Eof);
}

} // namespace
} // namespace hpoc::dsl
