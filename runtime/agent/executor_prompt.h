// The Executor's side of the method: turning a trial's log into a trajectory the
// LLM can read in a few hundred tokens, and asking for a short verdict on it.
#pragma once

#include "runtime/spec/study_spec.h"

#include <string>
#include <vector>

namespace hpoc::agent {

/// The verdicts an Executor may give; the answer schema enumerates them.
const std::vector<std::string>& executorVerdicts();

/// True for a column that holds a wall time ("seconds", "epoch_time", "elapsed",
/// ...): it changes from run to run of the same trial, so it stays out of the
/// prompts, whose answers are cached by their text.
bool isWallTimeColumn(const std::string& name);

/// A table of at most `maxRows` rows of `trajectory` (JSON objects, one per epoch
/// or step): the first, the last, and evenly spaced rows between, with the columns
/// that vary, wall times left out. Numbers are shortened to 4 significant digits.
std::string trajectoryTable(const std::vector<nlohmann::json>& trajectory, std::size_t maxRows = 8);

struct ExecutorInput {
  int trialNumber = 0;
  rt::Config config;
  std::string outcome; ///< "ok: val_acc 0.91 in 3.2 s", "failed (exit 1)", ...
  std::vector<nlohmann::json> trajectory;
  std::string stderrTail; ///< for failed trials; untrusted
};

struct TrajectoryVerdict;

/// The messages asking for an analysis of one trial, given the reading computed
/// from its numbers.
nlohmann::json executorMessages(const rt::StudySpec& spec, const ExecutorInput& input,
                                const TrajectoryVerdict& reading);

/// {"verdict": one of executorVerdicts(), "analysis": string}
nlohmann::json executorAnswerSchema();

} // namespace hpoc::agent
