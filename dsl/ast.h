// The syntax tree of a .hpo file: what the user wrote, with where they wrote it.
// Semantic meaning (is this range valid, does this name exist) is the checker's job.
#pragma once

#include "dsl/source_manager.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::dsl {

/// A literal: a number, a bare word, a quoted string, or true/false.
struct Value {
  enum class Kind { Number, Word, String, Bool };
  Kind kind = Kind::Word;
  std::string text;       ///< the word, the decoded string, or the number's spelling
  double number = 0;      ///< for Number (and Bool: 0 or 1)
  bool isInteger = false; ///< a Number spelled without '.' or exponent, fitting int64
  std::int64_t integer = 0;
  SourceRange range;

  bool isNumeric() const { return kind == Kind::Number; }
  /// How the value reads in a study file (strings quoted).
  std::string spelling() const;
  /// Equality as the language defines it: numbers by value, the rest by text.
  bool sameAs(const Value& o) const;
};

/// A string item with where it was written; empty `range` means "not given".
struct Text {
  std::string value;
  SourceRange range;
  bool given() const { return range.begin.valid(); }
};

/// `when` conditions: comparisons on other parameters joined by && || !.
struct Condition {
  enum class Kind { Compare, In, And, Or, Not };
  Kind kind = Kind::Compare;
  std::string op;                  ///< for Compare: == != < <= > >=
  Text param;                      ///< for Compare and In
  std::vector<Value> values;       ///< one for Compare, several for In
  std::vector<Condition> children; ///< two for And/Or, one for Not
  SourceRange range;
};

enum class ParamType { Float, Int, Categorical, Ordinal, Bool };
const char* paramTypeName(ParamType t);

/// One hyperparameter of the space.
struct Param {
  ParamType type = ParamType::Float;
  Text name;
  SourceRange typeRange;
  SourceRange domainRange;     ///< the [lo, hi] or {a, b, ...}
  std::optional<Value> lo, hi; ///< for Float and Int
  std::vector<Value> choices;  ///< for Categorical and Ordinal
  bool log = false;
  SourceRange logRange;
  std::optional<Value> defaultValue;
  Text description;
  std::optional<Condition> when;
  SourceRange range;
};

struct Dataset {
  SourceRange range;
  Text name;
  std::vector<Text> paths;
  Text description;
};

struct Model {
  SourceRange range;
  Text name;
  Text description;
  Text size;
};

/// A constraint of the goal: `limit trial_time 60s`, `limit memory 4GiB`.
struct Limit {
  Text name;
  double value = 0; ///< seconds for times, bytes for sizes
  std::string spelling;
  SourceRange range;
};

enum class Direction { Maximize, Minimize };

struct Goal {
  SourceRange range;
  Text metric;
  Direction direction = Direction::Maximize;
  std::optional<std::int64_t> trials;
  SourceRange trialsRange;
  std::vector<Limit> limits;
  Text description;
};

enum class ConfigFormat { Json, Yaml };
enum class MetricsSource { JsonLines, Stdout };

/// `pattern val_acc "val_acc=([0-9.]+)"`: reads a metric from the trainer's stdout.
struct MetricPattern {
  Text metric;
  Text regex;
};

struct Trainer {
  SourceRange range;
  Text target;  ///< a CMake target of the user's project
  Text command; ///< or a command line with {placeholders}
  Text args;    ///< arguments for a target; defaults to the protocol's flags
  Text workdir;
  std::vector<Text> depends; ///< files that make up the trainer's identity
  ConfigFormat config = ConfigFormat::Json;
  SourceRange configRange;
  MetricsSource metrics = MetricsSource::JsonLines;
  SourceRange metricsRange;
  std::vector<MetricPattern> patterns;
  std::optional<double> timeoutSeconds;
  SourceRange timeoutRange;
};

struct Agent {
  SourceRange range;
  Text strategy;
  Text llm; ///< "local" or an endpoint URL
  Text model;
  std::optional<double> temperature;
  SourceRange temperatureRange;
  Text analysis; ///< the Executor's: "llm" or "trajectory"
  std::optional<std::int64_t> seed;
  SourceRange seedRange;
  std::optional<std::int64_t> parallel;
  SourceRange parallelRange;
  Text onLlmFailure; ///< "stop" or "random"
  std::optional<double> llmTimeoutSeconds;
  SourceRange llmTimeoutRange;
  std::optional<std::int64_t> startupTrials; ///< tpe: random trials before its estimators
  SourceRange startupTrialsRange;
  std::optional<std::int64_t> warmStart; ///< agent: configurations in the LLM's first answer
  SourceRange warmStartRange;
  std::optional<double> llmShare; ///< agent: share of TPE's trials on which the LLM chooses
  SourceRange llmShareRange;
};

/// Where trials run: `executor local` (the default: on this machine) or
/// `executor slurm { ... }` (each trial a Slurm job through hpoc-slurm-trial).
struct Executor {
  SourceRange range;
  Text kind; ///< "local" or "slurm"
  Text partition;
  Text gres; ///< e.g. "gpu:1"
  std::optional<std::int64_t> cpus;
  SourceRange cpusRange;
  std::optional<double> memBytes;
  std::string memSpelling;
  SourceRange memRange;
  std::optional<double> timeSeconds;
  SourceRange timeRange;
  Text account;
  Text extra;                          ///< more srun options, split on spaces
  std::optional<std::int64_t> retries; ///< attempts after a cluster failure
  SourceRange retriesRange;
};

struct Study {
  Text name;
  SourceRange range;
  Text task;
  std::optional<Dataset> dataset;
  std::optional<Model> model;
  std::optional<Goal> goal;
  SourceRange spaceRange;
  std::vector<Param> params;
  std::optional<Trainer> trainer;
  std::optional<Agent> agent;
  std::optional<Executor> executor;
};

/// Everything one .hpo file declares.
struct StudyFile {
  std::uint32_t file = 0;
  std::vector<Study> studies;
};

} // namespace hpoc::dsl
