// What a compiled study declares, as the runtime sees it. The generated runner
// builds one StudySpec in plain C++ and hands it to runnerMain().
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::rt {

/// A hyperparameter value as it appears in a trial's config: a JSON number,
/// string or boolean.
using Value = nlohmann::json;

/// A trial's configuration: parameter name to value, inactive parameters absent.
using Config = nlohmann::json;

/// `when` clauses: a parameter exists only when its condition holds.
struct Condition {
  enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, And, Or, Not };
  Op op = Op::Eq;
  std::string param;               ///< for comparisons and In
  std::vector<Value> values;       ///< one for comparisons, several for In
  std::vector<Condition> children; ///< two for And/Or, one for Not

  static Condition compare(std::string param, Op op, Value v);
  static Condition in(std::string param, std::vector<Value> values);
  static Condition all(Condition a, Condition b);
  static Condition any(Condition a, Condition b);
  static Condition negate(Condition c);

  /// True when the condition holds for `config`. A comparison on a parameter
  /// that is absent from `config` is false.
  bool holds(const Config& config) const;
  /// The condition in the .hpo language's syntax, for prompts and reports.
  std::string str() const;
};

enum class ParamKind { Float, Int, Categorical, Ordinal, Bool };

/// "float", "int", "categorical", "ordinal" or "bool", as the language spells it.
const char* paramKindName(ParamKind k);

/// One dimension of the search space.
struct ParamSpec {
  std::string name;
  ParamKind kind = ParamKind::Float;
  double lo = 0, hi = 0;      ///< Float and Int bounds, inclusive
  bool log = false;           ///< sample (and describe) on a log scale
  std::vector<Value> choices; ///< Categorical and Ordinal values, in declared order
  std::optional<Value> defaultValue;
  std::string description;
  std::optional<Condition> when;

  static ParamSpec floatRange(std::string name, double lo, double hi);
  static ParamSpec intRange(std::string name, std::int64_t lo, std::int64_t hi);
  static ParamSpec categorical(std::string name, std::vector<Value> choices);
  static ParamSpec ordinal(std::string name, std::vector<Value> choices);
  static ParamSpec boolean(std::string name);
  ParamSpec&& logScale() &&;
  ParamSpec&& withDefault(Value v) &&;
  ParamSpec&& describe(std::string text) &&;
  ParamSpec&& onlyWhen(Condition c) &&;
};

struct DatasetSpec {
  std::string name;
  std::vector<std::string> paths; ///< absolute, or relative to StudySpec::sourceDir
  std::string description;
};

struct ModelSpec {
  std::string name;
  std::string description;
  std::string size;
};

struct GoalSpec {
  std::string metric;
  bool maximize = true;
  int trials = 10;
  std::optional<double> trialTimeSeconds; ///< `limit trial_time`
  std::optional<double> studyTimeSeconds; ///< `limit study_time`
  std::optional<double> memoryBytes;      ///< `limit memory`
  std::string description;
};

enum class ConfigFormat { Json, Yaml };
enum class MetricsSource { JsonLines, Stdout };

struct MetricPatternSpec {
  std::string metric;
  std::string regex; ///< RE2 syntax, one capture group holding the number
};

struct TrainerSpec {
  std::string target;  ///< CMake target; its binary path reaches the runner on its command line
  std::string command; ///< command line with {placeholders}; empty when `target` is used
  std::string args;    ///< arguments appended to a target's binary
  std::string workdir; ///< empty: the trial's directory
  std::vector<std::string> depends; ///< files that make up the trainer's identity
  ConfigFormat config = ConfigFormat::Json;
  MetricsSource metrics = MetricsSource::JsonLines;
  std::vector<MetricPatternSpec> patterns;
  double timeoutSeconds = 3600;
};

struct AgentSpec {
  std::string strategy = "agent"; ///< "agent", "agent-classic", "random" or "tpe"
  std::string llm = "local";      ///< "local" or an endpoint URL
  std::string model;              ///< LLM model name; empty: the server's default
  double temperature = 0.2;
  std::string analysis = "llm"; ///< the Executor's: "llm", or "trajectory" (the numbers only)
  std::int64_t seed = 0;
  int parallel = 1; ///< trials in flight
  /// What the agent does when its LLM cannot give a configuration: "stop" the
  /// study after kLlmFailureLimit failed calls in a row (exit kExitLlmFailed), or
  /// go on with "random" draws, each recorded and shown as `random-fallback`.
  std::string onLlmFailure = "stop";
  /// One LLM request attempt's limit, and the local server's start-up limit.
  double llmTimeoutSeconds = 180;
  int startupTrials = 10; ///< tpe: trials 1..N are random draws before its estimators
  int warmStart = 2;      ///< agent: configurations the LLM's first answer proposes (0: none)
  /// agent: the largest share of TPE's trials on which the LLM picks among TPE's
  /// candidates or argues for its own (0: never).
  double llmShare = 0.3;
};

/// Failed LLM calls in a row after which an `on_llm_failure stop` study stops.
inline constexpr int kLlmFailureLimit = 3;

/// A whole study. Field names follow the .hpo language (docs/language.md).
struct StudySpec {
  std::string name;
  std::string sourceFile; ///< the .hpo file it was compiled from
  std::string sourceDir;  ///< relative paths in the study are relative to this
  std::string task;
  DatasetSpec dataset;
  ModelSpec model;
  GoalSpec goal;
  std::vector<ParamSpec> space;
  TrainerSpec trainer;
  AgentSpec agent;
};

} // namespace hpoc::rt
