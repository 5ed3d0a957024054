// The Executor's reading of a trial computed from its numbers: the goal metric's
// course over the epochs (plateau, still rising, peak then fall, oscillation, non-
// finite values) and the train loss beside it, turned into one of
// executorVerdicts() and a one-line note with the figures behind it.
#pragma once

#include "runtime/agent/executor_prompt.h"

#include <string>

namespace hpoc::agent {

struct TrajectoryVerdict {
  std::string verdict; ///< one of executorVerdicts(), or empty when the numbers cannot tell
  std::string note;    ///< the figures behind the verdict, one line
};

/// Reads `input` (status, trajectory, error tail) against the study's goal.
TrajectoryVerdict diagnoseTrajectory(const rt::StudySpec& spec, const ExecutorInput& input);

} // namespace hpoc::agent
