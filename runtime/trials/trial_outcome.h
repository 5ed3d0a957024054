// Turns how a trainer ended and what it reported into a trial's status. Pure, so
// every rule of the trainer protocol (docs/trainer-protocol.md) has a unit test.
#pragma once

#include "runtime/support/trainer_process.h"
#include "runtime/trials/metrics_reader.h"

#include <optional>
#include <string>

namespace hpoc::rt {

/// Exit codes of the trainer protocol besides 0 (finished) and other (failed).
inline constexpr int kExitInvalidConfig = 2; ///< the trainer refuses this configuration
inline constexpr int kExitDiverged = 3;      ///< the trainer stopped because training diverged

struct TrialOutcome {
  /// "ok", "failed", "timeout", "nan", "no-metric", "invalid-config", "diverged"
  std::string status;
  std::optional<double> metric; ///< finite for "ok"; may be NaN/inf for "nan"
  std::string reason;           ///< one line for failures
};

struct OutcomeRules {
  std::string metric; ///< the goal's metric
  std::optional<double> memoryLimitBytes;
};

TrialOutcome classifyTrial(const TrainerExit& exit, const MetricsReading& reading,
                           const OutcomeRules& rules);

} // namespace hpoc::rt
