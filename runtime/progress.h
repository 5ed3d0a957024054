// The terminal view of a running study: one line per finished trial with its
// status, metric, the best so far, elapsed time and an ETA. Deep code never
// prints; the study run calls this.
#pragma once

#include "runtime/strategy.h"

#include <functional>
#include <optional>
#include <ostream>

namespace hpoc::rt {

/// Index of the best "ok" trial in `trials`, by the goal's direction.
std::optional<std::size_t> bestTrialIndex(const StudySpec& spec, const std::vector<TrialRecord>& trials);

/// "max_depth=6, learning_rate=0.1" in the space's order.
std::string configSummary(const StudySpec& spec, const Config& config);

/// "0:07", "1:02:03".
std::string clockText(double seconds);

class ProgressPrinter {
public:
  /// `now` gives seconds since the run started (a fake in tests).
  ProgressPrinter(const StudySpec& spec, std::ostream& out, std::function<double()> now);

  /// One line for a trial that just finished (`ran`) or came from the cache.
  /// `trials` is every trial of the study so far; `budget` the planned count;
  /// `ranSoFar` and `remaining` feed the ETA.
  void trialLine(const TrialRecord& t, const std::vector<TrialRecord>& trials, int budget,
                 bool ran, int ranSoFar, int remaining);

private:
  const StudySpec& spec_;
  std::ostream& out_;
  std::function<double()> now_;
};

} // namespace hpoc::rt
