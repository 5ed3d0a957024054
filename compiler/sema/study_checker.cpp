#include "compiler/sema/study_checker.h"

#include <filesystem>
#include <map>
#include <re2/re2.h>
#include <set>

namespace hpoc::sema {

using namespace hpoc::dsl;

namespace {

constexpr std::string_view kPlaceholders[] = {"config", "metrics",   "trial_dir",
                                              "seed",   "study_dir", "trainer"};
constexpr std::string_view kStrategies[] = {"agent", "agent-classic", "random", "tpe"};
constexpr std::string_view kAnalyses[] = {"llm", "trajectory"};

bool isIdentifier(std::string_view s, bool allowDash) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (allowDash && c == '-')))
      return false;
  return true;
}

/// A metric's name as a study spells it: a word, or a string when no word can.
std::string asWritten(const std::string& name) {
  if (isIdentifier(name, /*allowDash=*/true))
    return name;
  std::string out = "\"";
  for (char c : name)
    out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

std::string quoted(const Value& v) {
  return quoteForMessage(v.text);
}

// Why a number cannot be an int parameter's value: a fraction, or a whole number
// written without '.' or an exponent that does not fit a 64-bit integer.
std::string notIntegerReason(const Value& v) {
  if (v.text.find_first_of(".eE") == std::string::npos)
    return "is out of the 64-bit integer range";
  return "is not an integer";
}

class StudyChecker {
public:
  StudyChecker(const Study& s, const SourceManager& sm, DiagnosticEngine& diags,
               const CheckOptions& options)
      : s_(s), sm_(sm), diags_(diags), options_(options) {}

  void run() {
    checkName();
    checkTexts();
    checkSpace();
    checkGoal();
    checkTrainer();
    checkAgent();
    checkExecutor();
  }

private:
  SourceRange studyNameRange() const { return s_.name.range; }

  void checkName() {
    if (!isIdentifier(s_.name.value, true))
      diags_.error(s_.name.range, "study name '" + s_.name.value +
                                      "' may hold only letters, digits, '_' and '-' (it names "
                                      "build targets and folders)");
  }

  void checkTexts() {
    if (!s_.task.given() || s_.task.value.empty())
      diags_.warning(studyNameRange(), "study '" + s_.name.value +
                                           "' has no task text; the agent proposes better "
                                           "configurations when it knows the task");
    if (!s_.dataset) {
      diags_.warning(studyNameRange(),
                     "study '" + s_.name.value + "' describes no dataset; add a dataset section");
      return;
    }
    for (const Text& p : s_.dataset->paths) {
      if (p.value.empty()) {
        diags_.error(p.range, "empty dataset path");
        continue;
      }
      if (options_.checkPaths && !std::filesystem::exists(resolve(p.value)))
        diags_.warning(p.range, "dataset path '" + p.value + "' does not exist");
    }
  }

  std::filesystem::path resolve(const std::string& path) const {
    std::filesystem::path p(path);
    if (p.is_absolute())
      return p;
    return std::filesystem::path(std::string(sm_.name(s_.range.begin.file))).parent_path() / p;
  }

  // ---- space -------------------------------------------------------------

  void checkSpace() {
    if (s_.params.empty()) {
      diags_.error(s_.spaceRange.begin.valid() ? s_.spaceRange : studyNameRange(),
                   "study '" + s_.name.value +
                       "' has no hyperparameters; declare them in a "
                       "'space { ... }' section");
      return;
    }
    for (const Param& p : s_.params) {
      auto [it, inserted] = byName_.emplace(p.name.value, &p);
      if (!inserted) {
        diags_.error(p.name.range, "parameter '" + p.name.value + "' is declared twice");
        diags_.note(it->second->name.range, "first declared here");
        continue;
      }
      if (!isIdentifier(p.name.value, false))
        diags_.error(p.name.range, "parameter name '" + p.name.value +
                                       "' may hold only letters, digits and '_' (it is a key "
                                       "in configs and a field in C++ trainers)");
      checkDomain(p);
      checkDefault(p);
    }
    for (const Param& p : s_.params)
      if (p.when && byName_.at(p.name.value) == &p)
        checkCondition(p, *p.when);
    checkConditionCycles();
  }

  void checkDomain(const Param& p) {
    if (p.log && p.type != ParamType::Float && p.type != ParamType::Int)
      diags_.error(p.logRange, std::string("log scale applies to float and int parameters, not ") +
                                   paramTypeName(p.type));
    if (p.type == ParamType::Float || p.type == ParamType::Int) {
      const Value& lo = *p.lo;
      const Value& hi = *p.hi;
      bool ok = true;
      for (const Value* v : {&lo, &hi}) {
        if (!v->isNumeric()) {
          diags_.error(v->range, "range bound " + quoted(*v) + " is not a number");
          ok = false;
        } else if (p.type == ParamType::Int && !v->isInteger) {
          diags_.error(v->range, "range bound " + quoted(*v) + " of int parameter '" +
                                     p.name.value + "' " + notIntegerReason(*v));
          ok = false;
        }
      }
      if (!ok)
        return;
      if (lo.number > hi.number) {
        diags_.error(p.domainRange, "range of '" + p.name.value + "' is inverted: " + lo.text +
                                        " is above " + hi.text + "; write [" + hi.text + ", " +
                                        lo.text + "]");
      } else if (lo.number == hi.number) {
        diags_.error(p.domainRange, "range of '" + p.name.value + "' is empty: both ends are " +
                                        lo.text + "; a hyperparameter needs two values or more");
      } else if (p.log && lo.number <= 0) {
        diags_.error(p.logRange, "log scale needs a range above zero, but '" + p.name.value +
                                     "' reaches " + lo.text);
        diags_.note(lo.range, "low end of the range here");
      }
      return;
    }
    if (p.type == ParamType::Bool)
      return;
    if (p.choices.empty()) {
      diags_.error(p.domainRange, std::string(paramTypeName(p.type)) + " parameter '" +
                                      p.name.value + "' has no values");
      return;
    }
    if (p.choices.size() == 1)
      diags_.error(p.domainRange, "parameter '" + p.name.value +
                                      "' has a single value; a hyperparameter needs two or more");
    // Values are the same as Value::sameAs says: numbers by value, the rest by text.
    std::map<double, const Value*> numbers;
    std::map<std::string, const Value*> words;
    for (const Value& v : p.choices) {
      const Value* first = v.isNumeric() ? numbers.emplace(v.number, &v).first->second
                                         : words.emplace(v.text, &v).first->second;
      if (first != &v) {
        diags_.error(v.range, "value " + quoted(v) + " is listed twice in '" + p.name.value + "'");
        diags_.note(first->range, "first listed here");
      }
    }
    if (p.type == ParamType::Ordinal) {
      bool numeric = p.choices[0].isNumeric();
      for (const Value& v : p.choices)
        if (v.isNumeric() != numeric) {
          diags_.error(v.range, "ordinal '" + p.name.value +
                                    "' mixes numbers and words; its values must be all one kind");
          return;
        }
      if (numeric)
        for (std::size_t i = 1; i < p.choices.size(); ++i)
          if (p.choices[i].number < p.choices[i - 1].number) { // a repeat is reported above
            diags_.warning(p.choices[i].range, "ordinal '" + p.name.value +
                                                   "' is not in increasing order; its values "
                                                   "are ordered as written");
            break;
          }
    }
  }

  /// True when `v` is a value parameter `p` can take; otherwise reports why.
  bool checkValueFits(const Param& p, const Value& v, const char* role) {
    switch (p.type) {
    case ParamType::Float:
    case ParamType::Int:
      if (!v.isNumeric()) {
        diags_.error(v.range, std::string(role) + " " + quoted(v) + " of " + paramTypeName(p.type) +
                                  " parameter '" + p.name.value + "' is not a number");
        return false;
      }
      if (p.type == ParamType::Int && !v.isInteger) {
        diags_.error(v.range, std::string(role) + " " + quoted(v) + " of int parameter '" +
                                  p.name.value + "' " + notIntegerReason(v));
        return false;
      }
      return true;
    case ParamType::Bool:
      if (v.kind != Value::Kind::Bool) {
        diags_.error(v.range, std::string(role) + " " + quoted(v) + " of bool parameter '" +
                                  p.name.value + "' is not true or false" +
                                  dsl::didYouMean(v.text, {"true", "false"}));
        return false;
      }
      return true;
    case ParamType::Categorical:
    case ParamType::Ordinal:
      if (choicesOf(p).has(v))
        return true;
      {
        // A hint costs a scan of every value; none is needed for a message past the limit.
        std::vector<std::string> names;
        if (!diags_.saturated())
          for (const Value& c : p.choices)
            names.push_back(c.text);
        std::string hint = names.empty() ? "" : closestName(v.text, names);
        diags_.error(v.range, std::string(role) + " " + quoted(v) + " is not a value of '" +
                                  p.name.value + "'" +
                                  (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        diags_.note(p.domainRange, "values of '" + p.name.value + "' declared here");
      }
      return false;
    }
    return false;
  }

  void checkDefault(const Param& p) {
    if (!p.defaultValue)
      return;
    const Value& d = *p.defaultValue;
    if (!checkValueFits(p, d, "default"))
      return;
    if ((p.type == ParamType::Float || p.type == ParamType::Int) && p.lo && p.hi &&
        p.lo->isNumeric() && p.hi->isNumeric() &&
        (d.number < p.lo->number || d.number > p.hi->number)) {
      diags_.error(d.range,
                   "default " + d.text + " of '" + p.name.value + "' is outside its range");
      diags_.note(p.domainRange, "range declared here");
    }
  }

  void checkCondition(const Param& owner, const Condition& c) {
    if (c.kind == Condition::Kind::And || c.kind == Condition::Kind::Or ||
        c.kind == Condition::Kind::Not) {
      for (const Condition& child : c.children)
        checkCondition(owner, child);
      return;
    }
    auto it = byName_.find(c.param.value);
    if (it == byName_.end()) {
      std::vector<std::string> names;
      for (const Param& p : s_.params)
        names.push_back(p.name.value);
      std::string hint = diags_.saturated() ? "" : closestName(c.param.value, names);
      diags_.error(c.param.range, "condition names unknown parameter '" + c.param.value + "'" +
                                      (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      return;
    }
    const Param& target = *it->second;
    if (&target == &owner) {
      diags_.error(c.param.range,
                   "parameter '" + owner.name.value + "' cannot depend on its own value");
      return;
    }
    bool ordering = c.op == "<" || c.op == "<=" || c.op == ">" || c.op == ">=";
    if (ordering && (target.type == ParamType::Categorical || target.type == ParamType::Bool)) {
      diags_.error(c.range, "'" + c.op + "' compares by order, but '" + target.name.value +
                                "' is " + paramTypeName(target.type) + "; use == or in");
      return;
    }
    bool equality = c.kind == Condition::Kind::In || c.op == "==" || c.op == "!=";
    for (const Value& v : c.values)
      if (checkValueFits(target, v, "value") && equality && !inRange(target, v)) {
        diags_.error(v.range, "value " + v.text + " is outside the range of '" + target.name.value +
                                  "'; '" + target.name.value + "' never takes it");
        diags_.note(target.domainRange, "range declared here");
      }
  }

  /// For float and int parameters: whether numeric `v` lies in the declared range.
  static bool inRange(const Param& p, const Value& v) {
    if ((p.type != ParamType::Float && p.type != ParamType::Int) || !p.lo || !p.hi ||
        !p.lo->isNumeric() || !p.hi->isNumeric())
      return true;
    return v.number >= p.lo->number && v.number <= p.hi->number;
  }

  void collectReferences(const Condition& c, std::vector<const Param*>& out) {
    if (!c.param.value.empty()) {
      auto it = byName_.find(c.param.value);
      if (it != byName_.end())
        out.push_back(it->second);
    }
    for (const Condition& child : c.children)
      collectReferences(child, out);
  }

  void checkConditionCycles() {
    std::map<const Param*, std::vector<const Param*>> edges;
    for (const Param& p : s_.params)
      if (p.when)
        collectReferences(*p.when, edges[&p]);
    enum class Mark { None, Active, Done };
    std::map<const Param*, Mark> mark;
    std::set<const Param*> reported;
    // Iterative depth-first search: a long chain of conditions cannot overflow the stack.
    for (const Param& start : s_.params) {
      if (mark[&start] != Mark::None)
        continue;
      std::vector<std::pair<const Param*, std::size_t>> stack{{&start, 0}};
      mark[&start] = Mark::Active;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        const auto& out = edges[node];
        if (next == out.size()) {
          mark[node] = Mark::Done;
          stack.pop_back();
          continue;
        }
        const Param* dep = out[next++];
        if (dep == node)
          continue; // a parameter naming itself is reported by checkCondition
        if (mark[dep] == Mark::Active) {
          if (reported.insert(dep).second) {
            diags_.error(dep->when->range, "conditions of '" + dep->name.value +
                                               "' form a cycle: it depends on itself through "
                                               "other parameters");
          }
        } else if (mark[dep] == Mark::None) {
          mark[dep] = Mark::Active;
          stack.push_back({dep, 0});
        }
      }
    }
  }

  // ---- goal --------------------------------------------------------------

  void checkGoal() {
    if (!s_.goal || !s_.goal->metric.given()) {
      diags_.error(s_.goal ? s_.goal->range : studyNameRange(),
                   "study '" + s_.name.value +
                       "' has no metric to optimise; add 'maximize NAME' "
                       "or 'minimize NAME' to its goal");
      return;
    }
    const Goal& g = *s_.goal;
    checkMetricName(g.metric);
    if (g.trials && (*g.trials < 1 || *g.trials > 100000))
      diags_.error(g.trialsRange, "trial budget must be between 1 and 100000");
    for (const Limit& l : g.limits)
      if (l.value <= 0)
        diags_.error(l.range, "limit '" + l.name.value + "' must be above zero");
  }

  /// A metric written as a string ("val/acc") still has to be a key a trainer
  /// can write on one line.
  void checkMetricName(const Text& metric) {
    if (metric.value.empty()) {
      diags_.error(metric.range, "the metric's name is empty");
      return;
    }
    for (unsigned char c : metric.value)
      if (c < 0x20 || c == 0x7f) {
        diags_.error(metric.range, "the metric's name " + quoteForMessage(metric.value) +
                                       " holds a control character");
        return;
      }
  }

  // ---- trainer -----------------------------------------------------------

  /// Range of `needle` (its first occurrence, or its last) inside the source text
  /// of `text`, or the whole text.
  SourceRange locateIn(const Text& text, std::string_view needle, bool last = false) const {
    std::string_view src =
        sm_.text(text.range.begin.file).substr(text.range.begin.offset, text.range.length());
    std::size_t at = last ? src.rfind(needle) : src.find(needle);
    if (at == std::string_view::npos)
      return text.range;
    SourceLoc b = text.range.begin;
    b.offset += static_cast<std::uint32_t>(at);
    return {b, b.offset + static_cast<std::uint32_t>(needle.size())};
  }

  /// Checks the {placeholders} of a command line; returns those it uses.
  std::set<std::string> checkPlaceholders(const Text& line, bool hasTarget) {
    std::set<std::string> used;
    const std::string& s = line.value;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '{')
        continue;
      std::size_t close = s.find('}', i);
      if (close == std::string::npos) {
        // The unclosed brace is the last one: point at it and what follows.
        diags_.error(locateIn(line, s.substr(i), /*last=*/true),
                     "unclosed '{' in the command line; placeholders read {name}");
        break;
      }
      std::string name = s.substr(i + 1, close - i - 1);
      if (!isKnownPlaceholder(name)) {
        std::vector<std::string> known(std::begin(kPlaceholders), std::end(kPlaceholders));
        std::string hint = closestName(name, known);
        diags_.error(locateIn(line, "{" + name + "}"),
                     "unknown placeholder '{" + name + "}'" +
                         (hint.empty() ? "" : "; did you mean '{" + hint + "}'?") +
                         " (known: {config}, {metrics}, {trial_dir}, {seed}, {study_dir}, "
                         "{trainer})");
      } else if (name == "trainer" && !hasTarget) {
        diags_.error(locateIn(line, "{trainer}"),
                     "'{trainer}' stands for a target's binary, but this trainer is a command");
      }
      used.insert(name);
      i = close;
    }
    return used;
  }

  void checkTrainer() {
    if (!s_.trainer) {
      diags_.error(studyNameRange(), "study '" + s_.name.value +
                                         "' has no trainer; add a 'trainer { ... }' section with "
                                         "a 'target' or a 'command'");
      return;
    }
    const Trainer& t = *s_.trainer;
    if (t.target.given() && t.command.given()) {
      diags_.error(t.command.range, "a trainer has a 'target' or a 'command', not both");
      diags_.note(t.target.range, "target given here");
      return;
    }
    if (!t.target.given() && !t.command.given()) {
      diags_.error(t.range, "trainer says neither which 'target' to build nor which 'command' "
                            "to run");
      return;
    }
    if (t.command.given() && t.args.given())
      diags_.error(t.args.range, "'args' belongs to a 'target' trainer; put the arguments in "
                                 "the command");
    if (t.target.given() && !isIdentifier(t.target.value, true))
      diags_.error(t.target.range, "'" + t.target.value + "' is not a CMake target name");

    const Text& line = t.command.given() ? t.command : t.args;
    std::set<std::string> used;
    if (line.given()) {
      if (line.value.find_first_not_of(" \t") == std::string::npos)
        diags_.error(line.range, "empty command line");
      used = checkPlaceholders(line, t.target.given());
      if (!used.count("config"))
        diags_.error(line.range,
                     "the command line never passes the trial's config; add '{config}'");
      if (t.metrics == MetricsSource::JsonLines && !used.count("metrics"))
        diags_.error(line.range, "metrics are read from JSON lines, but the command line never "
                                 "passes their path; add '{metrics}' or say 'metrics stdout'");
    }
    checkMetrics(t);
    if (t.timeoutSeconds && *t.timeoutSeconds <= 0)
      diags_.error(t.timeoutRange, "timeout must be above zero");
    for (const Text& d : t.depends)
      if (options_.checkPaths && !std::filesystem::exists(resolve(d.value)))
        diags_.warning(d.range, "trainer dependency '" + d.value + "' does not exist");
  }

  void checkMetrics(const Trainer& t) {
    std::map<std::string, const MetricPattern*> seen;
    for (const MetricPattern& mp : t.patterns) {
      checkMetricName(mp.metric);
      auto [it, inserted] = seen.emplace(mp.metric.value, &mp);
      if (!inserted) {
        diags_.error(mp.metric.range, "metric '" + mp.metric.value + "' has two patterns");
        diags_.note(it->second->metric.range, "first pattern here");
        continue;
      }
      // RE2 syntax, as the runner reads it (runtime/trials/metrics_reader.cpp).
      RE2::Options options;
      options.set_log_errors(false);
      RE2 re(mp.regex.value, options);
      if (!re.ok())
        diags_.error(mp.regex.range,
                     "invalid regular expression for '" + mp.metric.value + "': " + re.error());
      else if (re.NumberOfCapturingGroups() < 1)
        diags_.error(mp.regex.range, "pattern for '" + mp.metric.value +
                                         "' has no capture group; wrap the number in ( )");
    }
    if (t.metrics == MetricsSource::Stdout) {
      if (s_.goal && s_.goal->metric.given() && !seen.count(s_.goal->metric.value))
        diags_.error(t.metricsRange, "metrics come from stdout, but no 'pattern " +
                                         asWritten(s_.goal->metric.value) +
                                         " \"...\"' reads the goal's metric");
    } else if (!t.patterns.empty()) {
      diags_.warning(
          t.patterns.front().metric.range,
          "patterns are used only with 'metrics stdout'; this trainer writes JSON lines");
    }
  }

  // ---- agent -------------------------------------------------------------

  void checkAgent() {
    if (!s_.agent)
      return;
    const Agent& a = *s_.agent;
    if (a.strategy.given() && std::find(std::begin(kStrategies), std::end(kStrategies),
                                        a.strategy.value) == std::end(kStrategies)) {
      std::string hint =
          closestName(a.strategy.value,
                      std::vector<std::string>(std::begin(kStrategies), std::end(kStrategies)));
      diags_.error(a.strategy.range, "unknown strategy '" + a.strategy.value + "'" +
                                         (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                         " (strategies: agent, agent-classic, random, tpe)");
    }
    if (a.llm.given() && a.llm.value != "local" && a.llm.value.rfind("http://", 0) != 0 &&
        a.llm.value.rfind("https://", 0) != 0)
      diags_.error(a.llm.range, "llm is 'local' or an endpoint URL starting with http:// or "
                                "https://");
    if (a.analysis.given() && std::find(std::begin(kAnalyses), std::end(kAnalyses),
                                        a.analysis.value) == std::end(kAnalyses)) {
      std::string hint = closestName(
          a.analysis.value, std::vector<std::string>(std::begin(kAnalyses), std::end(kAnalyses)));
      diags_.error(a.analysis.range, "unknown analysis '" + a.analysis.value + "'" +
                                         (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                         " (analyses: llm, trajectory)");
    }
    if (a.temperature && (*a.temperature < 0 || *a.temperature > 2))
      diags_.error(a.temperatureRange, "temperature must be between 0 and 2");
    if (a.seed && *a.seed < 0)
      diags_.error(a.seedRange, "seed must not be negative");
    if (a.onLlmFailure.given() && a.onLlmFailure.value != "stop" &&
        a.onLlmFailure.value != "random") {
      std::string hint = closestName(a.onLlmFailure.value, {"stop", "random"});
      diags_.error(
          a.onLlmFailure.range,
          "unknown on_llm_failure '" + a.onLlmFailure.value + "'" +
              (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
              " (stop: the study stops after 3 failed LLM calls in a row; random: it goes on "
              "with random draws, each recorded as random-fallback)");
    }
    if (a.llmTimeoutSeconds && (*a.llmTimeoutSeconds < 1 || *a.llmTimeoutSeconds > 86400))
      diags_.error(a.llmTimeoutRange, "llm_timeout must be between 1 s and 24 h");
    if (a.parallel && (*a.parallel < 1 || *a.parallel > 256))
      diags_.error(a.parallelRange, "parallel must be between 1 and 256 trials in flight");
    if (a.startupTrials && (*a.startupTrials < 0 || *a.startupTrials > 1000000))
      diags_.error(a.startupTrialsRange, "startup_trials must be between 0 and 1000000");
    else if (a.startupTrials && a.strategy.value != "tpe")
      diags_.warning(a.startupTrialsRange,
                     "startup_trials applies to strategy tpe; strategy '" +
                         (a.strategy.given() ? a.strategy.value : std::string("agent")) +
                         "' ignores it (unless the runner is given --strategy tpe)");
    std::string strategy = a.strategy.given() ? a.strategy.value : std::string("agent");
    if (a.warmStart && (*a.warmStart < 0 || *a.warmStart > 20))
      diags_.error(a.warmStartRange, "warm_start must be between 0 and 20 configurations");
    else if (a.warmStart && strategy != "agent")
      diags_.warning(a.warmStartRange, "warm_start applies to strategy agent; strategy '" +
                                           strategy + "' ignores it");
    if (a.llmShare && !(*a.llmShare >= 0 && *a.llmShare <= 1))
      diags_.error(a.llmShareRange, "llm_share must be between 0 and 1");
    else if (a.llmShare && strategy != "agent")
      diags_.warning(a.llmShareRange,
                     "llm_share applies to strategy agent; strategy '" + strategy + "' ignores it");
  }

  void checkExecutor() {
    if (!s_.executor || s_.executor->kind.value != "slurm")
      return;
    const Executor& e = *s_.executor;
    if (e.cpus && (*e.cpus < 1 || *e.cpus > 4096))
      diags_.error(e.cpusRange, "cpus must be between 1 and 4096");
    if (e.memBytes && *e.memBytes < 1024 * 1024)
      diags_.error(e.memRange, "mem must be at least 1MiB (Slurm counts memory in MiB)");
    if (e.timeSeconds && *e.timeSeconds < 60)
      diags_.error(e.timeRange, "time must be at least 1min (Slurm counts time in minutes)");
    if (e.retries && (*e.retries < 0 || *e.retries > 20))
      diags_.error(e.retriesRange, "retries must be between 0 and 20 attempts after the first");
    for (const Text* t : {&e.partition, &e.gres, &e.account})
      if (t->value.find_first_of(" \t'\"") != std::string::npos)
        diags_.error(t->range, "a Slurm name holds no spaces or quotes");
  }

  const Study& s_;
  const SourceManager& sm_;
  DiagnosticEngine& diags_;
  const CheckOptions& options_;
  std::map<std::string, const Param*> byName_;

  /// The values of a categorical or ordinal parameter, for lookups that stay fast
  /// however many values a condition lists.
  struct ChoiceSet {
    std::set<double> numbers;
    std::set<std::string> words;
    bool has(const Value& v) const {
      return v.isNumeric() ? numbers.count(v.number) > 0 : words.count(v.text) > 0;
    }
  };
  const ChoiceSet& choicesOf(const Param& p) {
    auto [it, inserted] = choiceSets_.try_emplace(&p);
    if (inserted)
      for (const Value& c : p.choices)
        c.isNumeric() ? void(it->second.numbers.insert(c.number))
                      : void(it->second.words.insert(c.text));
    return it->second;
  }
  std::map<const Param*, ChoiceSet> choiceSets_;
};

} // namespace

bool isKnownPlaceholder(std::string_view name) {
  return std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) !=
         std::end(kPlaceholders);
}

bool checkStudyFile(const StudyFile& file, const SourceManager& sm, DiagnosticEngine& diags,
                    const CheckOptions& options) {
  std::size_t before = diags.errorCount();
  std::map<std::string, const Study*> names;
  for (const Study& s : file.studies) {
    auto [it, inserted] = names.emplace(s.name.value, &s);
    if (!inserted) {
      diags.error(s.name.range, "study '" + s.name.value + "' is declared twice in this file");
      diags.note(it->second->name.range, "first declared here");
      continue;
    }
    StudyChecker(s, sm, diags, options).run();
  }
  return diags.errorCount() == before;
}

} // namespace hpoc::sema
