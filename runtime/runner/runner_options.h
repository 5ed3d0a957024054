// The study runner's command line, as hpoc_add_study() writes it (see
// cmake/HpocStudy.cmake) and as a user may type it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hpoc::rt {

struct RunnerOptions {
  std::string studyDir;       ///< --study-dir: hpo/<study> in the build tree
  std::string buildDir;       ///< --build-dir: the build tree, hashed as a placeholder
  std::string rules;          ///< --rules: the compiled <study>.ninja
  std::string trainerTarget;  ///< --trainer-target
  std::string trainerBinary;  ///< --trainer-binary: the target's file
  std::string trainerCommand; ///< --trainer-command: overrides the study's command
  std::string launcher;       ///< --launcher: prefix of every trial (srun ...)
  std::string slurmTrial = "hpoc-slurm-trial"; ///< --slurm-trial: the wrapper of `executor slurm`
  std::string ninja = "ninja";                 ///< --ninja
  std::string strategy;                        ///< --strategy: overrides the study's
  int trials = 0;                              ///< --trials: overrides the budget
  std::optional<std::int64_t> searchSeed; ///< --search-seed: seeds the strategy, not the trials
  bool defaultFirst = false; ///< --default-first: random or tpe starts at the study's defaults
  std::string proposer;      ///< --proposer: the external strategy's command
  std::optional<int> startupTrials;        ///< --startup-trials: tpe's random start-up trials
  bool fresh = false;                      ///< --fresh: archive the journal and start over
  std::string onLlmFailure;                ///< --on-llm-failure stop|random: overrides the study's
  std::optional<double> llmTimeoutSeconds; ///< --llm-timeout SECONDS: overrides the study's
  std::optional<int> warmStart;   ///< --warm-start N: agent, overrides the study's warm_start
  std::optional<double> llmShare; ///< --llm-share F: agent, overrides the study's llm_share
  bool replay = false;            ///< --replay: every LLM answer from llm-cache, or stop
  std::string runTrial;           ///< --run-trial DIR: internal, one trial
  bool help = false;
  std::string self;        ///< this binary (absolute)
  std::string commandLine; ///< the whole command line, for messages
};

/// Parses argv. False with `err` for an unknown or incomplete option.
bool parseRunnerOptions(int argc, char** argv, RunnerOptions* out, std::string* err);

/// The --help text.
std::string runnerUsage(const std::string& program);

} // namespace hpoc::rt
