// The interface every search strategy implements: given the study and the
// trials so far, propose the next configurations, each with its reasons and
// its origin. `random` lives beside it; the LLM agent plugs in the same way.
#pragma once

#include "runtime/exit_codes.h"
#include "runtime/study_spec.h"

#include <stdexcept>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpoc::rt {

/// A trial as strategies see it: finished ones carry a status and maybe a metric,
/// trials in flight have an empty status.
struct TrialRecord {
  int number = 0; ///< 1-based, in proposal order
  std::string id; ///< content hash
  Config config;
  std::string source;    ///< who proposed it ("random", "agent", ...)
  std::string rationale; ///< why
  std::string status;    ///< "ok", "failed", "timeout", "nan", "no-metric", ... or "" in flight
  std::optional<double> metric;
  double seconds = 0;
  std::string verdict, analysis; ///< from Strategy::observe, when it gave one
  std::string errorTail;         ///< end of stderr for failed trials
};

/// A proposed configuration.
struct Proposal {
  Config config;
  std::string rationale;
  std::string source;         ///< recorded as the trial's origin
  nlohmann::json details;     ///< anything worth journaling (LLM exchanges, repairs)
};

/// What a strategy says about a finished trial (the Executor's analysis).
struct TrialNote {
  std::string verdict;
  std::string analysis;
  nlohmann::json details;
};

/// The strategy's closing words for the report.
struct StudySummary {
  std::string summary;
  std::vector<std::pair<std::string, std::string>> influence; ///< parameter, effect
  std::vector<std::string> next;
  nlohmann::json details; ///< anything worth journaling (the LLM exchange)
};

/// Where the agent's proposals came from, as the journal, the console and the
/// report name them.
namespace source {
/// The study's default configuration (the hybrid agent's trial 1; random and
/// tpe with --default-first).
inline constexpr const char* kSourceDefault = "default";
/// The LLM's own configuration, valid as given: a warm-start configuration, or
/// one it argued for instead of TPE's options.
inline constexpr const char* kSourceLlm = "llm";
inline constexpr const char* kSourceLlmRepaired = "llm-repaired"; ///< valid after the repair round
/// The LLM picked one of TPE's lettered candidates (hybrid agent).
inline constexpr const char* kSourceLlmChoice = "llm-choice";
/// TPE's best untried candidate (hybrid agent, and the `tpe` strategy).
inline constexpr const char* kSourceTpe = "tpe";
/// The answer repeated a tried configuration and was moved one step to an
/// untried neighbour (or, when every trial scored the same, replaced by a draw);
/// agent-classic only.
inline constexpr const char* kSourceNudged = "nudged";
/// The LLM gave no usable answer and `on_llm_failure random` let a random draw
/// stand in.
inline constexpr const char* kSourceRandomFallback = "random-fallback";

/// True for a configuration the LLM chose (as given, repaired, picked among
/// TPE's options, or moved a step).
inline bool chosenByLlm(const std::string& s) {
  return s == kSourceLlm || s == kSourceLlmRepaired || s == kSourceLlmChoice || s == kSourceNudged;
}

/// The sources in the order the console and the report list them: the LLM's
/// own first, then the computed ones.
inline const std::vector<std::string>& sourceOrder() {
  static const std::vector<std::string> order = {kSourceLlm,     kSourceLlmRepaired, kSourceLlmChoice,
                                                 kSourceNudged,  kSourceDefault,     kSourceTpe,
                                                 kSourceRandomFallback};
  return order;
}
} // namespace source

/// The strategies that ask an LLM: the hybrid `agent` and `agent-classic`.
inline bool isAgentStrategy(const std::string& strategy) {
  return strategy == "agent" || strategy == "agent-classic";
}

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
