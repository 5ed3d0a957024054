// The interface every search strategy implements: given the study and the
// trials so far, propose the next configurations, each with its reasons and
// its origin. `random` lives beside it; the LLM agent plugs in the same way.
#pragma once

#include "runtime/spec/study_spec.h"
#include "runtime/support/exit_codes.h"
#include "runtime/trials/trial_record.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hpoc::rt {

/// A proposed configuration.
struct Proposal {
  Config config;
  std::string rationale;
  std::string source;     ///< recorded as the trial's origin
  nlohmann::json details; ///< anything worth journaling (LLM exchanges, repairs)
};

/// What a strategy says about a finished trial (the Executor's analysis).
struct TrialNote {
  std::string verdict;
  std::string analysis;
  nlohmann::json details;
};

/// A strategy that cannot go on: the study stops with this message and exit code.
struct StrategyError : std::runtime_error {
  explicit StrategyError(const std::string& what, int exit = kRunExitError)
      : std::runtime_error(what), exitCode(exit) {}
  int exitCode;
};

class Strategy {
public:
  virtual ~Strategy() = default;
  /// Name recorded in the journal and the report ("random", "agent").
  virtual std::string name() const = 0;

  /// Proposes up to `count` configurations, for trials `firstNumber` onwards.
  /// `history` holds every trial proposed so far, finished or not; proposals must
  /// not repeat one of them and must pass validateConfig (the runner checks both
  /// and stops the study with a message otherwise). Fewer than `count`, or none,
  /// means the space is exhausted.
  virtual std::vector<Proposal> propose(const std::vector<TrialRecord>& history, int firstNumber,
                                        int count) = 0;

  /// Called once per finished trial, with the tail of its log; the note is journaled.
  virtual std::optional<TrialNote> observe(const TrialRecord& /*trial*/,
                                           const std::string& /*logTail*/) {
    return std::nullopt;
  }

  /// The closing analysis for the report, when the strategy has one.
  virtual std::optional<StudySummary> summarise(const std::vector<TrialRecord>& /*history*/) {
    return std::nullopt;
  }

  /// What went wrong since the last call that the user must see at once (an LLM
  /// that did not answer, and what was done instead); the runner prints each as
  /// a warning. Strategies never print.
  virtual std::vector<std::string> takeAlerts() { return {}; }

  /// True while a call may wait on something slow (an LLM): the runner then shows
  /// that it is waiting, and for how long.
  virtual bool mayWait() const { return false; }
};

} // namespace hpoc::rt
