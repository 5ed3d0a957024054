// The terminal view of a running study: one line per finished trial with its
// status, metric, the best so far, elapsed time and an ETA. Deep code never
// prints; the study run calls this.
#pragma once

#include "runtime/strategies/strategy.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

namespace hpoc::rt {

/// "0:07", "1:02:03".
std::string clockText(double seconds);

class ProgressPrinter {
public:
  /// `now` gives seconds since the run started (a fake in tests).
  ProgressPrinter(const StudySpec& spec, std::ostream& out, std::function<double()> now);

  /// One line for a trial that just finished (`ran`) or came from the cache.
  /// `trials` is every trial of the study so far; `budget` the planned count;
  /// `ranSoFar` and `remaining` feed the ETA.
  void trialLine(const TrialRecord& t, const std::vector<TrialRecord>& trials, int budget, bool ran,
                 int ranSoFar, int remaining);

private:
  const StudySpec& spec_;
  std::ostream& out_;
  std::function<double()> now_;
};

/// Shows that the runner is waiting on a slow call (an LLM) and for how long:
/// nothing for the first two seconds; then, on a terminal, one line redrawn
/// every second ("hpoc: waiting for the LLM: proposing trial 3 (12 s)") and
/// erased when the call returns; elsewhere (a log, CI) a line every 30 s.
class WaitNotice {
public:
  WaitNotice(std::ostream& out, std::string what, bool enabled, bool terminal);
  ~WaitNotice();
  WaitNotice(const WaitNotice&) = delete;
  WaitNotice& operator=(const WaitNotice&) = delete;

private:
  void loop();

  std::ostream& out_;
  std::string what_;
  bool terminal_;
  bool drawn_ = false;
  bool done_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

/// True when `fd` is a terminal (progress lines may then be redrawn in place).
bool isTerminal(int fd);

} // namespace hpoc::rt
