#include "dsl/parser.h"

#include "dsl/lexer.h"
#include "dsl/name_suggester.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace hpoc::dsl {

namespace {

const char* const kSections = "task, dataset, model, goal, space, trainer, agent, executor";
const char* const kParamTypes = "float, int, categorical, ordinal, bool";

bool isParamType(const Token& t) {
  return t.isWord("float") || t.isWord("int") || t.isWord("categorical") || t.isWord("ordinal") ||
         t.isWord("bool");
}

/// "; did you mean 'X'?" when `t` is a word close to one of `list` ("a, b or c").
std::string hintFor(const Token& t, std::string_view list) {
  return t.is(TokenKind::Identifier) ? didYouMean(t.text, listedNames(list)) : "";
}

std::string describe(const Token& t) {
  switch (t.kind) {
  case TokenKind::Identifier:
  case TokenKind::Number:
  case TokenKind::Quantity:
    return quoteForMessage(t.text);
  case TokenKind::String:
    return "a string";
  default:
    return tokenKindName(t.kind);
  }
}

struct Unit {
  const char* name;
  double factor;
};
constexpr Unit kTimeUnits[] = {{"ms", 1e-3}, {"s", 1},    {"sec", 1},
                               {"min", 60},  {"h", 3600}, {"d", 86400}};
constexpr Unit kSizeUnits[] = {{"B", 1},
                               {"KB", 1e3},
                               {"MB", 1e6},
                               {"GB", 1e9},
                               {"TB", 1e12},
                               {"KiB", 1024.0},
                               {"MiB", 1024.0 * 1024},
                               {"GiB", 1024.0 * 1024 * 1024},
                               {"TiB", 1024.0 * 1024 * 1024 * 1024}};

/// Splits "30min" into 30 and "min". Returns false if the number part is malformed.
bool splitQuantity(const std::string& spelling, double& number, std::string& unit) {
  std::size_t i = 0;
  while (i < spelling.size() && !((spelling[i] >= 'a' && spelling[i] <= 'z') ||
                                  (spelling[i] >= 'A' && spelling[i] <= 'Z')))
    ++i;
  // An exponent marker was not taken by the lexer, so the first letter starts the unit.
  const char* b = spelling.data();
  auto [p, ec] = std::from_chars(b + (spelling[0] == '+' ? 1 : 0), b + i, number);
  unit = spelling.substr(i);
  return ec == std::errc() && p == b + i;
}

template <std::size_t N> std::string unitList(const Unit (&units)[N]) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i)
    out += (i ? ", " : "") + std::string(units[i].name);
  return out;
}

} // namespace

Parser::Parser(std::vector<Token> tokens, std::uint32_t file, DiagnosticEngine& diags)
    : tokens_(std::move(tokens)), file_(file), diags_(diags) {}

const Token& Parser::peek(std::size_t n) const {
  return tokens_[std::min(pos_ + n, tokens_.size() - 1)];
}

const Token& Parser::advance() {
  const Token& t = tokens_[pos_];
  if (pos_ + 1 < tokens_.size())
    ++pos_;
  return t;
}

SourceRange Parser::rangeFrom(const SourceRange& first) const {
  const Token& last = tokens_[pos_ > 0 ? pos_ - 1 : 0];
  return {first.begin, std::max(first.end, last.range.end)};
}

bool Parser::expect(TokenKind k, const char* what) {
  if (tok().is(k)) {
    advance();
    return true;
  }
  errorExpected(what);
  return false;
}

void Parser::errorExpected(const std::string& what, std::string_view choices) {
  if (tok().is(TokenKind::Invalid))
    return; // the lexer has said what is wrong with it
  if (pos_ > 0 && (tok().startsLine || tok().is(TokenKind::Eof)) &&
      !tokens_[pos_ - 1].is(TokenKind::LBrace)) {
    reportLineEnded(what);
    return;
  }
  diags_.error(tok().range,
               "expected " + what + ", found " + describe(tok()) + hintFor(tok(), choices));
}

void Parser::reportLineEnded(const std::string& what) {
  // Point just past the line's last token, not at whatever the next line holds.
  SourceRange last = tokens_[pos_ - 1].range;
  diags_.error({{last.begin.file, last.end}, last.end},
               "expected " + what + " at the end of this line");
}

bool Parser::valueOnNextLine(const std::string& what) {
  // An item and its value share a line. Only a text goes on over lines (a string
  // never starts an item), and a list may break after its opening bracket or a comma.
  if (pos_ == 0 || !tok().startsLine || tok().is(TokenKind::String))
    return false;
  switch (tokens_[pos_ - 1].kind) {
  case TokenKind::LBrace:
  case TokenKind::LBracket:
  case TokenKind::LParen:
  case TokenKind::Comma:
    return false;
  default:
    break;
  }
  reportLineEnded(what);
  return true;
}

bool Parser::atItemStart() const {
  return tok().startsLine || tok().is(TokenKind::RBrace) || tok().is(TokenKind::Eof);
}

void Parser::syncToNextItem() {
  // Only braces hold a block over several lines; an unclosed ( or [ ends with its line,
  // so that one stray bracket does not swallow the rest of the file.
  int braces = 0;
  bool first = true;
  while (!tok().is(TokenKind::Eof)) {
    if (braces == 0 && !first && tok().startsLine)
      return;
    if (tok().is(TokenKind::LBrace)) {
      ++braces;
    } else if (tok().is(TokenKind::RBrace)) {
      if (braces == 0)
        return;
      --braces;
    }
    first = false;
    advance();
  }
}

void Parser::skipRestOfList() {
  while (!tok().is(TokenKind::Eof) && !tok().startsLine) {
    if (advance().is(TokenKind::RBrace))
      return;
  }
}

bool Parser::once(SourceRange& first, const Token& keyword, const char* section) {
  if (first.begin.valid()) {
    diags_.error(keyword.range,
                 "'" + keyword.text + "' is given twice in " + section + "; keep one");
    diags_.note(first, "first given here");
    return false;
  }
  first = keyword.range;
  return true;
}

StudyFile parseStudyFile(const SourceManager& sm, std::uint32_t file, DiagnosticEngine& diags) {
  Lexer lexer(sm, file, diags);
  Parser parser(lexer.lexAll(), file, diags);
  return parser.parseFile();
}

StudyFile Parser::parseFile() {
  StudyFile out;
  out.file = file_;
  while (!tok().is(TokenKind::Eof) && !diags_.saturated()) {
    if (tok().isWord("study")) {
      parseStudy(out);
      continue;
    }
    if (!tok().is(TokenKind::Invalid))
      diags_.error(tok().range,
                   "expected 'study', found " + describe(tok()) + hintFor(tok(), "study"));
    // Skip to the next line that starts a study.
    advance();
    while (!tok().is(TokenKind::Eof) && !(tok().startsLine && tok().isWord("study")))
      advance();
  }
  if (out.studies.empty() && !diags_.hasErrors())
    diags_.error({{file_, 0}, 0}, "no study in this file; a file holds one or more "
                                  "'study NAME { ... }' blocks");
  return out;
}

void Parser::parseStudy(StudyFile& out) {
  Study s;
  SourceRange start = advance().range; // 'study'
  if (!tok().is(TokenKind::Identifier)) {
    expect(TokenKind::Identifier, "a study name after 'study'");
    syncToNextItem();
    if (tok().is(TokenKind::RBrace))
      advance();
    return;
  }
  s.name = {tok().text, tok().range};
  advance();
  if (!expect(TokenKind::LBrace, "'{' to open the study")) {
    syncToNextItem();
    return;
  }
  while (!tok().is(TokenKind::RBrace) && !tok().is(TokenKind::Eof) && !diags_.saturated())
    parseStudyItem(s);
  if (tok().is(TokenKind::Eof) && !diags_.saturated()) {
    diags_.error(tok().range, "expected '}' to close study '" + s.name.value + "'");
    diags_.note(start, "study opened here");
  }
  if (tok().is(TokenKind::RBrace))
    advance();
  s.range = rangeFrom(start);
  out.studies.push_back(std::move(s));
}

void Parser::parseStudyItem(Study& s) {
  const Token& key = tok();
  if (key.isWord("task")) {
    SourceRange seen = s.task.range;
    if (!once(seen, key, "the study")) {
      advance();
      syncToNextItem();
      return;
    }
    advance();
    if (!parseText(s.task, "the task's text after 'task'"))
      syncToNextItem();
    return;
  }
  auto section = [&](bool present, SourceRange prev, auto parse) {
    if (present) {
      diags_.error(key.range, "section '" + key.text + "' is given twice; merge them");
      diags_.note(prev, "first given here");
    }
    parse();
  };
  if (key.isWord("dataset"))
    return section(s.dataset.has_value(), s.dataset ? s.dataset->range : SourceRange{},
                   [&] { parseDataset(s); });
  if (key.isWord("model"))
    return section(s.model.has_value(), s.model ? s.model->range : SourceRange{},
                   [&] { parseModel(s); });
  if (key.isWord("goal"))
    return section(s.goal.has_value(), s.goal ? s.goal->range : SourceRange{},
                   [&] { parseGoal(s); });
  if (key.isWord("space"))
    return section(s.spaceRange.begin.valid(), s.spaceRange, [&] { parseSpace(s); });
  if (key.isWord("trainer"))
    return section(s.trainer.has_value(), s.trainer ? s.trainer->range : SourceRange{},
                   [&] { parseTrainer(s); });
  if (key.isWord("agent"))
    return section(s.agent.has_value(), s.agent ? s.agent->range : SourceRange{},
                   [&] { parseAgent(s); });
  if (key.isWord("executor"))
    return section(s.executor.has_value(), s.executor ? s.executor->range : SourceRange{},
                   [&] { parseExecutor(s); });
  if (!key.is(TokenKind::Invalid))
    diags_.error(key.range, std::string("expected a section of the study (") + kSections +
                                "), found " + describe(key) + hintFor(key, kSections));
  syncToNextItem();
}

bool Parser::parseText(Text& out, const char* what) {
  if (!tok().is(TokenKind::String)) {
    expect(TokenKind::String, what);
    return false;
  }
  SourceRange first = tok().range;
  out.value.clear();
  while (tok().is(TokenKind::String))
    out.value += advance().text;
  out.range = rangeFrom(first);
  return true;
}

bool Parser::parseWordOrString(Text& out, const char* what) {
  if (valueOnNextLine(what))
    return false;
  if (tok().is(TokenKind::Identifier) || tok().is(TokenKind::String)) {
    out = {tok().text, tok().range};
    advance();
    return true;
  }
  expect(TokenKind::Identifier, what);
  return false;
}

bool Parser::parseValue(Value& v, const char* what) {
  if (valueOnNextLine(what))
    return false;
  const Token& t = tok();
  v.range = t.range;
  v.text = t.text;
  switch (t.kind) {
  case TokenKind::Identifier:
    v.kind = Value::Kind::Word;
    if (t.text == "true" || t.text == "false") {
      v.kind = Value::Kind::Bool;
      v.number = t.text == "true" ? 1 : 0;
    }
    break;
  case TokenKind::String:
    v.kind = Value::Kind::String;
    break;
  case TokenKind::Number: {
    v.kind = Value::Kind::Number;
    const char* b = t.text.data();
    const char* e = b + t.text.size();
    if (*b == '+')
      ++b;
    auto [p, ec] = std::from_chars(b, e, v.number);
    if (ec != std::errc() || p != e || !std::isfinite(v.number)) {
      diags_.error(t.range, "number " + quoteForMessage(t.text) + " is out of range");
      advance();
      return false;
    }
    if (t.text.find_first_of(".eE") == std::string::npos) {
      auto [q, iec] = std::from_chars(b, e, v.integer);
      v.isInteger = iec == std::errc() && q == e;
    }
    break;
  }
  case TokenKind::Quantity:
    diags_.error(t.range, "a unit is not expected here; write a plain number");
    advance();
    return false;
  default:
    expect(TokenKind::Identifier, what);
    return false;
  }
  advance();
  return true;
}

bool Parser::parseInteger(std::int64_t& out, SourceRange& range, const char* what) {
  Value v;
  if (!tok().is(TokenKind::Number)) {
    expect(TokenKind::Number, what);
    return false;
  }
  if (!parseValue(v, what))
    return false;
  range = v.range;
  if (!v.isInteger) {
    diags_.error(v.range, std::string("expected an integer for ") + what + ", found " +
                              quoteForMessage(v.text));
    return false;
  }
  out = v.integer;
  return true;
}

bool Parser::parseDuration(double& seconds, std::string& spelling, SourceRange& range) {
  if (valueOnNextLine("a duration such as 90s, 10min or 2h"))
    return false;
  const Token& t = tok();
  range = t.range;
  spelling = t.text;
  if (t.is(TokenKind::Number)) {
    diags_.error(t.range, "a duration needs a unit, as in '" + t.text.substr(0, 24) +
                              "s' (units: " + unitList(kTimeUnits) + ")");
    advance();
    return false;
  }
  if (!t.is(TokenKind::Quantity)) {
    expect(TokenKind::Quantity, "a duration such as 90s, 10min or 2h");
    return false;
  }
  double n = 0;
  std::string unit;
  advance();
  if (splitQuantity(spelling, n, unit)) {
    for (const Unit& u : kTimeUnits)
      if (unit == u.name) {
        seconds = n * u.factor;
        return true;
      }
  }
  diags_.error(range, "unknown time unit in " + quoteForMessage(spelling) +
                          " (units: " + unitList(kTimeUnits) + ")");
  return false;
}

bool Parser::parseSize(double& bytes, std::string& spelling, SourceRange& range) {
  if (valueOnNextLine("a size such as 512MiB or 4GiB"))
    return false;
  const Token& t = tok();
  range = t.range;
  spelling = t.text;
  if (!t.is(TokenKind::Quantity)) {
    if (t.is(TokenKind::Number)) {
      diags_.error(t.range, "a size needs a unit, as in '" + t.text.substr(0, 24) +
                                "GiB' (units: " + unitList(kSizeUnits) + ")");
      advance();
      return false;
    }
    expect(TokenKind::Quantity, "a size such as 512MiB or 4GiB");
    return false;
  }
  double n = 0;
  std::string unit;
  advance();
  if (splitQuantity(spelling, n, unit)) {
    for (const Unit& u : kSizeUnits)
      if (unit == u.name) {
        bytes = n * u.factor;
        return true;
      }
  }
  diags_.error(range, "unknown size unit in " + quoteForMessage(spelling) +
                          " (units: " + unitList(kSizeUnits) + ")");
  return false;
}

void Parser::parseBlock(const char* section, SourceRange& range,
                        const std::function<bool()>& item) {
  SourceRange start = advance().range; // the section keyword
  range = start;
  if (!expect(TokenKind::LBrace, (std::string("'{' after '") + section + "'").c_str())) {
    syncToNextItem();
    return;
  }
  while (!tok().is(TokenKind::RBrace) && !tok().is(TokenKind::Eof) && !diags_.saturated()) {
    std::size_t before = pos_;
    bool ok = item();
    if (ok && atItemStart())
      continue;
    if (ok && !tok().is(TokenKind::Invalid))
      diags_.error(tok().range, "unexpected " + describe(tok()) + "; one item per line");
    if (pos_ == before || !atItemStart())
      syncToNextItem();
  }
  if (tok().is(TokenKind::RBrace)) {
    advance();
  } else if (!diags_.saturated()) {
    diags_.error(tok().range, std::string("expected '}' to close '") + section + "'");
    diags_.note(start, "opened here");
  }
  range = rangeFrom(start);
}

namespace {
/// "expected one of ..." for an unknown item keyword.
std::string unknownItem(const Token& t, const char* section, const char* items) {
  return "unknown item " + describe(t) + " in " + section + "; expected one of: " + items +
         hintFor(t, items);
}
} // namespace

std::string Parser::unknownItemMessage(const Token& t, const char* section,
                                       const char* items) const {
  return unknownItem(t, section, items);
}

void Parser::parseDataset(Study& s) {
  s.dataset.emplace();
  Dataset& d = *s.dataset;
  SourceRange nameSeen, descSeen;
  parseBlock("dataset", d.range, [&] {
    const Token& key = tok();
    if (key.isWord("name")) {
      if (!once(nameSeen, key, "dataset"))
        return false;
      advance();
      return parseWordOrString(d.name, "the dataset's name");
    }
    if (key.isWord("path")) {
      advance();
      Text p;
      if (!parseWordOrString(p, "a path string after 'path'"))
        return false;
      d.paths.push_back(p);
      while (tok().is(TokenKind::String) && !tok().startsLine)
        d.paths.push_back({advance().text, tokens_[pos_ - 1].range});
      return true;
    }
    if (key.isWord("description")) {
      if (!once(descSeen, key, "dataset"))
        return false;
      advance();
      return parseText(d.description, "the description's text");
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range, unknownItem(key, "dataset", "name, path, description"));
    return false;
  });
}

void Parser::parseModel(Study& s) {
  s.model.emplace();
  Model& m = *s.model;
  SourceRange nameSeen, descSeen, sizeSeen;
  parseBlock("model", m.range, [&] {
    const Token& key = tok();
    if (key.isWord("name")) {
      if (!once(nameSeen, key, "model"))
        return false;
      advance();
      return parseWordOrString(m.name, "the model's name");
    }
    if (key.isWord("description")) {
      if (!once(descSeen, key, "model"))
        return false;
      advance();
      return parseText(m.description, "the description's text");
    }
    if (key.isWord("size")) {
      if (!once(sizeSeen, key, "model"))
        return false;
      advance();
      if (tok().is(TokenKind::Number) || tok().is(TokenKind::Quantity) ||
          tok().is(TokenKind::Identifier)) {
        m.size = {tok().text, tok().range};
        advance();
        return true;
      }
      return parseText(m.size, "the model's size, such as \"11M parameters\"");
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range, unknownItem(key, "model", "name, description, size"));
    return false;
  });
}

void Parser::parseGoal(Study& s) {
  s.goal.emplace();
  Goal& g = *s.goal;
  SourceRange metricSeen, trialsSeen, descSeen;
  parseBlock("goal", g.range, [&] {
    const Token& key = tok();
    if (key.isWord("maximize") || key.isWord("minimize")) {
      if (!once(metricSeen, key, "goal (a study optimises one metric)"))
        return false;
      g.direction = key.isWord("maximize") ? Direction::Maximize : Direction::Minimize;
      advance();
      // A word, or a string for names a word cannot spell ("val/acc").
      return parseWordOrString(g.metric, "the name of the metric to optimise");
    }
    if (key.isWord("trials")) {
      if (!once(trialsSeen, key, "goal"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, g.trialsRange, "the number of trials"))
        return false;
      g.trials = n;
      return true;
    }
    if (key.isWord("limit")) {
      advance();
      Limit l;
      SourceRange start = key.range;
      if (valueOnNextLine("a limit name (trial_time, study_time, memory)"))
        return false;
      if (!tok().is(TokenKind::Identifier)) {
        expect(TokenKind::Identifier, "a limit name (trial_time, study_time, memory)");
        return false;
      }
      l.name = {tok().text, tok().range};
      advance();
      bool ok = false;
      if (l.name.value == "trial_time" || l.name.value == "study_time") {
        ok = parseDuration(l.value, l.spelling, l.range);
      } else if (l.name.value == "memory") {
        ok = parseSize(l.value, l.spelling, l.range);
      } else {
        diags_.error(l.name.range,
                     "unknown limit '" + l.name.value +
                         "'; expected trial_time, study_time or memory" +
                         didYouMean(l.name.value, {"trial_time", "study_time", "memory"}));
        return false;
      }
      if (!ok)
        return false;
      for (const Limit& other : g.limits)
        if (other.name.value == l.name.value) {
          diags_.error(l.name.range, "limit '" + l.name.value + "' is given twice; keep one");
          diags_.note(other.name.range, "first given here");
          return false;
        }
      l.range = rangeFrom(start);
      g.limits.push_back(std::move(l));
      return true;
    }
    if (key.isWord("description")) {
      if (!once(descSeen, key, "goal"))
        return false;
      advance();
      return parseText(g.description, "the description's text");
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range,
                   unknownItem(key, "goal", "maximize, minimize, trials, limit, description"));
    return false;
  });
}

void Parser::parseSpace(Study& s) {
  parseBlock("space", s.spaceRange, [&] {
    if (!isParamType(tok())) {
      if (!tok().is(TokenKind::Invalid))
        diags_.error(tok().range, std::string("expected a parameter type (") + kParamTypes +
                                      "), found " + describe(tok()) + hintFor(tok(), kParamTypes));
      return false;
    }
    return parseParam(s);
  });
}

bool Parser::parseParam(Study& s) {
  Param p;
  const Token& typeTok = advance();
  p.typeRange = typeTok.range;
  const std::string& type = typeTok.text;
  p.type = type == "float"         ? ParamType::Float
           : type == "int"         ? ParamType::Int
           : type == "categorical" ? ParamType::Categorical
           : type == "ordinal"     ? ParamType::Ordinal
                                   : ParamType::Bool;
  if (valueOnNextLine("a parameter name"))
    return false;
  if (!tok().is(TokenKind::Identifier)) {
    expect(TokenKind::Identifier, "a parameter name");
    return false;
  }
  p.name = {tok().text, tok().range};
  advance();

  if (p.type == ParamType::Float || p.type == ParamType::Int) {
    SourceRange open = tok().range;
    if (!expect(TokenKind::LBracket, "'[' to open the range [low, high]"))
      return false;
    Value lo, hi;
    if (!parseValue(lo, "the low end of the range"))
      return false;
    if (!expect(TokenKind::Comma, "',' between the ends of the range"))
      return false;
    if (!parseValue(hi, "the high end of the range"))
      return false;
    if (!expect(TokenKind::RBracket, "']' to close the range"))
      return false;
    p.lo = lo;
    p.hi = hi;
    p.domainRange = rangeFrom(open);
  } else if (p.type != ParamType::Bool) {
    SourceRange open = tok().range;
    if (!expect(TokenKind::LBrace, "'{' to open the list of values"))
      return false;
    while (!tok().is(TokenKind::RBrace)) {
      Value v;
      if (!parseValue(v, "a value")) {
        skipRestOfList();
        return false;
      }
      p.choices.push_back(std::move(v));
      if (tok().is(TokenKind::Comma)) {
        advance();
        continue;
      }
      if (!tok().is(TokenKind::RBrace)) {
        expect(TokenKind::RBrace, "',' or '}' in the list of values");
        skipRestOfList();
        return false;
      }
    }
    advance();
    p.domainRange = rangeFrom(open);
  }

  // Options, in any order, until the next line starts another parameter.
  SourceRange defaultSeen, whenSeen;
  for (;;) {
    const Token& t = tok();
    if (t.startsLine && !t.is(TokenKind::String))
      break;
    if (t.isWord("log")) {
      if (!once(p.logRange, t, ("parameter '" + p.name.value + "'").c_str()))
        return false;
      p.log = true;
      advance();
    } else if (t.isWord("default")) {
      if (!once(defaultSeen, t, ("parameter '" + p.name.value + "'").c_str()))
        return false;
      advance();
      Value v;
      if (!parseValue(v, "the default value"))
        return false;
      p.defaultValue = std::move(v);
    } else if (t.isWord("when")) {
      if (!once(whenSeen, t, ("parameter '" + p.name.value + "'").c_str()))
        return false;
      advance();
      Condition c;
      conditionTerms_ = 0;
      if (!parseCondition(c, 0))
        return false;
      p.when = std::move(c);
    } else if (t.is(TokenKind::String)) {
      if (p.description.given()) {
        diags_.error(t.range, "parameter '" + p.name.value +
                                  "' already has a description; join the strings");
        diags_.note(p.description.range, "description given here");
        return false;
      }
      if (!parseText(p.description, "a description"))
        return false;
    } else if (t.is(TokenKind::RBrace) || t.is(TokenKind::Eof)) {
      break;
    } else {
      if (!t.is(TokenKind::Invalid))
        diags_.error(t.range, "unexpected " + describe(t) + " after parameter '" + p.name.value +
                                  "'; expected log, default, when, or a description string" +
                                  hintFor(t, "log, default, when"));
      return false;
    }
  }
  p.range = rangeFrom(p.typeRange);
  s.params.push_back(std::move(p));
  return true;
}

bool Parser::parseCondition(Condition& out, int depth) {
  if (depth > kMaxConditionDepth) {
    diags_.error(tok().range, "condition nested too deeply (more than " +
                                  std::to_string(kMaxConditionDepth) + " levels)");
    return false;
  }
  SourceRange start = tok().range;
  if (!parseConjunction(out, depth))
    return false;
  while (tok().is(TokenKind::PipePipe) || tok().isWord("or")) {
    advance();
    Condition rhs;
    if (!parseConjunction(rhs, depth))
      return false;
    Condition both;
    both.kind = Condition::Kind::Or;
    both.children.push_back(std::move(out));
    both.children.push_back(std::move(rhs));
    out = std::move(both);
    out.range = rangeFrom(start);
  }
  return true;
}

bool Parser::parseConjunction(Condition& out, int depth) {
  SourceRange start = tok().range;
  if (!parseUnary(out, depth))
    return false;
  while (tok().is(TokenKind::AmpAmp) || tok().isWord("and")) {
    advance();
    Condition rhs;
    if (!parseUnary(rhs, depth))
      return false;
    Condition both;
    both.kind = Condition::Kind::And;
    both.children.push_back(std::move(out));
    both.children.push_back(std::move(rhs));
    out = std::move(both);
    out.range = rangeFrom(start);
  }
  return true;
}

bool Parser::parseUnary(Condition& out, int depth) {
  if (valueOnNextLine("a condition"))
    return false;
  SourceRange start = tok().range;
  if (depth > kMaxConditionDepth) {
    diags_.error(tok().range, "condition nested too deeply (more than " +
                                  std::to_string(kMaxConditionDepth) + " levels)");
    return false;
  }
  if (tok().is(TokenKind::Bang) || tok().isWord("not")) {
    advance();
    Condition inner;
    if (!parseUnary(inner, depth + 1))
      return false;
    out.kind = Condition::Kind::Not;
    out.children.push_back(std::move(inner));
    out.range = rangeFrom(start);
    return true;
  }
  if (tok().is(TokenKind::LParen)) {
    advance();
    if (!parseCondition(out, depth + 1))
      return false;
    if (!expect(TokenKind::RParen, "')' to close the condition"))
      return false;
    return true;
  }
  if (!tok().is(TokenKind::Identifier)) {
    expect(TokenKind::Identifier, "a parameter name in the condition");
    return false;
  }
  if (++conditionTerms_ > kMaxConditionTerms) {
    diags_.error(tok().range, "condition has too many comparisons (more than " +
                                  std::to_string(kMaxConditionTerms) + ")");
    return false;
  }
  out.param = {tok().text, tok().range};
  advance();
  const Token& op = tok();
  if (op.isWord("in")) {
    advance();
    out.kind = Condition::Kind::In;
    if (!expect(TokenKind::LBrace, "'{' after 'in'"))
      return false;
    while (!tok().is(TokenKind::RBrace)) {
      Value v;
      if (!parseValue(v, "a value")) {
        skipRestOfList();
        return false;
      }
      out.values.push_back(std::move(v));
      if (tok().is(TokenKind::Comma)) {
        advance();
      } else if (!tok().is(TokenKind::RBrace)) {
        expect(TokenKind::RBrace, "',' or '}' in the list of values");
        skipRestOfList();
        return false;
      }
    }
    advance();
    out.range = rangeFrom(start);
    return true;
  }
  static const std::pair<TokenKind, const char*> kOps[] = {
      {TokenKind::EqualEqual, "=="}, {TokenKind::NotEqual, "!="}, {TokenKind::Less, "<"},
      {TokenKind::LessEqual, "<="},  {TokenKind::Greater, ">"},   {TokenKind::GreaterEqual, ">="}};
  for (auto [kind, spelling] : kOps) {
    if (op.is(kind)) {
      out.kind = Condition::Kind::Compare;
      out.op = spelling;
      advance();
      Value v;
      if (!parseValue(v, "a value to compare with"))
        return false;
      out.values.push_back(std::move(v));
      out.range = rangeFrom(start);
      return true;
    }
  }
  errorExpected("a comparison (==, !=, <, <=, >, >=, in) after '" + out.param.value + "'");
  return false;
}

void Parser::parseTrainer(Study& s) {
  s.trainer.emplace();
  Trainer& t = *s.trainer;
  SourceRange targetSeen, commandSeen, argsSeen, workdirSeen, timeoutSeen;
  parseBlock("trainer", t.range, [&] {
    const Token& key = tok();
    if (key.isWord("target")) {
      if (!once(targetSeen, key, "trainer"))
        return false;
      advance();
      return parseWordOrString(t.target, "the CMake target that builds the trainer");
    }
    if (key.isWord("command")) {
      if (!once(commandSeen, key, "trainer"))
        return false;
      advance();
      return parseText(t.command, "the command line as a string");
    }
    if (key.isWord("args")) {
      if (!once(argsSeen, key, "trainer"))
        return false;
      advance();
      return parseText(t.args, "the target's arguments as a string");
    }
    if (key.isWord("workdir")) {
      if (!once(workdirSeen, key, "trainer"))
        return false;
      advance();
      return parseText(t.workdir, "the working directory as a string");
    }
    if (key.isWord("depends")) {
      advance();
      if (!tok().is(TokenKind::String)) {
        expect(TokenKind::String, "one or more file paths after 'depends'");
        return false;
      }
      do
        t.depends.push_back({tok().text, advance().range});
      while (tok().is(TokenKind::String) && !tok().startsLine);
      return true;
    }
    if (key.isWord("config")) {
      if (!once(t.configRange, key, "trainer"))
        return false;
      advance();
      if (valueOnNextLine("a config format (json or yaml)"))
        return false;
      if (tok().isWord("json") || tok().isWord("yaml")) {
        t.config = tok().isWord("json") ? ConfigFormat::Json : ConfigFormat::Yaml;
        advance();
        return true;
      }
      errorExpected("a config format (json or yaml)", "json, yaml");
      return false;
    }
    if (key.isWord("metrics")) {
      if (!once(t.metricsRange, key, "trainer"))
        return false;
      advance();
      if (valueOnNextLine("where metrics appear (jsonl or stdout)"))
        return false;
      if (tok().isWord("jsonl") || tok().isWord("stdout")) {
        t.metrics = tok().isWord("jsonl") ? MetricsSource::JsonLines : MetricsSource::Stdout;
        advance();
        return true;
      }
      errorExpected("where metrics appear (jsonl or stdout)", "jsonl, stdout");
      return false;
    }
    if (key.isWord("pattern")) {
      advance();
      MetricPattern mp;
      bool quotedName = tok().is(TokenKind::String);
      if (!parseWordOrString(mp.metric, "the metric's name after 'pattern'"))
        return false;
      if (quotedName && atItemStart()) { // pattern "acc=([0-9.]+)": the name is missing
        diags_.error(mp.metric.range, "a pattern names its metric before the regular "
                                      "expression: pattern METRIC \"REGEX\"");
        return false;
      }
      if (!parseText(mp.regex, "a regular expression string with one capture group"))
        return false;
      t.patterns.push_back(std::move(mp));
      return true;
    }
    if (key.isWord("timeout")) {
      if (!once(timeoutSeen, key, "trainer"))
        return false;
      advance();
      double sec = 0;
      std::string spelling;
      if (!parseDuration(sec, spelling, t.timeoutRange))
        return false;
      t.timeoutSeconds = sec;
      return true;
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range, unknownItem(key, "trainer",
                                          "target, command, args, workdir, depends, config, "
                                          "metrics, pattern, timeout"));
    return false;
  });
}

void Parser::parseAgent(Study& s) {
  s.agent.emplace();
  Agent& a = *s.agent;
  SourceRange strategySeen, llmSeen, modelSeen, analysisSeen, onFailureSeen;
  parseBlock("agent", a.range, [&] {
    const Token& key = tok();
    if (key.isWord("strategy")) {
      if (!once(strategySeen, key, "agent"))
        return false;
      advance();
      return parseWordOrString(a.strategy, "a strategy name (agent, agent-classic, random, tpe)");
    }
    if (key.isWord("llm")) {
      if (!once(llmSeen, key, "agent"))
        return false;
      advance();
      return parseWordOrString(a.llm, "'local' or an endpoint URL string");
    }
    if (key.isWord("model")) {
      if (!once(modelSeen, key, "agent"))
        return false;
      advance();
      return parseWordOrString(a.model, "the LLM's model name");
    }
    if (key.isWord("temperature")) {
      if (!once(a.temperatureRange, key, "agent"))
        return false;
      advance();
      Value v;
      if (!tok().is(TokenKind::Number)) {
        expect(TokenKind::Number, "a temperature such as 0.2");
        return false;
      }
      if (!parseValue(v, "a temperature"))
        return false;
      a.temperature = v.number;
      a.temperatureRange = v.range;
      return true;
    }
    if (key.isWord("analysis")) {
      if (!once(analysisSeen, key, "agent"))
        return false;
      advance();
      return parseWordOrString(a.analysis, "how the Executor analyses a trial (llm, trajectory)");
    }
    if (key.isWord("seed")) {
      if (!once(a.seedRange, key, "agent"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, a.seedRange, "the seed"))
        return false;
      a.seed = n;
      return true;
    }
    if (key.isWord("parallel")) {
      if (!once(a.parallelRange, key, "agent"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, a.parallelRange, "the number of trials in flight"))
        return false;
      a.parallel = n;
      return true;
    }
    if (key.isWord("on_llm_failure")) {
      if (!once(onFailureSeen, key, "agent"))
        return false;
      advance();
      return parseWordOrString(a.onLlmFailure, "what to do when the LLM fails (stop, random)");
    }
    if (key.isWord("llm_timeout")) {
      if (!once(a.llmTimeoutRange, key, "agent"))
        return false;
      advance();
      double sec = 0;
      std::string spelling;
      if (!parseDuration(sec, spelling, a.llmTimeoutRange))
        return false;
      a.llmTimeoutSeconds = sec;
      return true;
    }
    if (key.isWord("startup_trials")) {
      if (!once(a.startupTrialsRange, key, "agent"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, a.startupTrialsRange, "the number of random start-up trials"))
        return false;
      a.startupTrials = n;
      return true;
    }
    if (key.isWord("warm_start")) {
      if (!once(a.warmStartRange, key, "agent"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, a.warmStartRange, "the number of warm-start configurations"))
        return false;
      a.warmStart = n;
      return true;
    }
    if (key.isWord("llm_share")) {
      if (!once(a.llmShareRange, key, "agent"))
        return false;
      advance();
      Value v;
      if (!tok().is(TokenKind::Number)) {
        expect(TokenKind::Number, "a share such as 0.3");
        return false;
      }
      if (!parseValue(v, "a share"))
        return false;
      a.llmShare = v.number;
      a.llmShareRange = v.range;
      return true;
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range, unknownItem(key, "agent",
                                          "strategy, llm, model, temperature, analysis, seed, "
                                          "parallel, on_llm_failure, llm_timeout, startup_trials, "
                                          "warm_start, llm_share"));
    return false;
  });
}

} // namespace hpoc::dsl
