// Builds the syntax tree of a .hpo file from its tokens.
#pragma once

#include "dsl/ast.h"
#include "dsl/diagnostics.h"
#include "dsl/token.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hpoc::dsl {

/// Parses one file. Syntax errors go to the engine; the parser resynchronises at
/// the next line so that one mistake yields one message, and what it could read is
/// still returned (the checker runs only when there were no syntax errors).
class Parser {
public:
  Parser(std::vector<Token> tokens, std::uint32_t file, DiagnosticEngine& diags);
  StudyFile parseFile();

  /// Deepest nesting of ( and ! a condition may have; deeper input is an error,
  /// never a stack overflow.
  static constexpr int kMaxConditionDepth = 64;
  /// Most comparisons one condition may join with && and ||; the tree of a longer
  /// chain would be deep enough to exhaust the stack of whoever walks it.
  static constexpr int kMaxConditionTerms = 64;

private:
  const Token& tok() const { return tokens_[pos_]; }
  const Token& peek(std::size_t n = 1) const;
  const Token& advance();
  bool expect(TokenKind k, const char* what);
  /// Reports that WHAT was expected: at the end of the line when the line ended
  /// before it, else at the token found instead.
  void errorExpected(const std::string& what, std::string_view choices = {});
  void reportLineEnded(const std::string& what);
  /// Reports WHAT as missing at the end of the line, and returns true, when the
  /// current token starts the next line instead of going on with this one.
  bool valueOnNextLine(const std::string& what);
  bool atItemStart() const;
  void syncToNextItem();
  /// After a bad value list: skips to just past its '}', on this line at most.
  void skipRestOfList();
  SourceRange rangeFrom(const SourceRange& first) const;

  void parseStudy(StudyFile& out);
  void parseStudyItem(Study& s);
  bool parseText(Text& out, const char* what);
  bool parseWordOrString(Text& out, const char* what);
  bool parseValue(Value& out, const char* what);
  bool parseInteger(std::int64_t& out, SourceRange& range, const char* what);
  bool parseDuration(double& seconds, std::string& spelling, SourceRange& range);
  bool parseSize(double& bytes, std::string& spelling, SourceRange& range);

  /// Parses `{ item... }`, one item per line; `item` parses one and says whether it was good.
  void parseBlock(const char* section, SourceRange& range, const std::function<bool()>& item);
  /// "unknown item ... expected one of ...; did you mean ..." for `t` in `section`.
  std::string unknownItemMessage(const Token& t, const char* section, const char* items) const;
  void parseDataset(Study& s);
  void parseModel(Study& s);
  void parseGoal(Study& s);
  void parseSpace(Study& s);
  bool parseParam(Study& s);
  void parseTrainer(Study& s);
  void parseAgent(Study& s);
  void parseExecutor(Study& s);

  bool parseCondition(Condition& out, int depth);
  bool parseConjunction(Condition& out, int depth);
  bool parseUnary(Condition& out, int depth);

  /// Reports a second occurrence of a one-time item, with a note at the first.
  bool once(SourceRange& first, const Token& keyword, const char* section);

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int conditionTerms_ = 0; ///< comparisons read in the current `when` condition
  std::uint32_t file_;
  DiagnosticEngine& diags_;
};

/// Lexes and parses a file already loaded into the engine's SourceManager.
StudyFile parseStudyFile(const SourceManager& sm, std::uint32_t file, DiagnosticEngine& diags);

} // namespace hpoc::dsl
