// A trial as every layer sees it: the journal replays it, strategies read it,
// the console and the report show it. The rule for the best trial and the names
// of where a configuration came from are defined here, once.
#pragma once

#include "runtime/spec/study_spec.h"

#include <cstddef>
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
  static const std::vector<std::string> order = {
      kSourceLlm,     kSourceLlmRepaired, kSourceLlmChoice,     kSourceNudged,
      kSourceDefault, kSourceTpe,         kSourceRandomFallback};
  return order;
}
} // namespace source

/// The strategies that ask an LLM: the hybrid `agent` and `agent-classic`.
inline bool isAgentStrategy(const std::string& strategy) {
  return strategy == "agent" || strategy == "agent-classic";
}

/// Index of the best "ok" trial with a metric in `trials`, by the goal's
/// direction; the earliest wins a tie.
std::optional<std::size_t> bestTrialIndex(const StudySpec& spec,
                                          const std::vector<TrialRecord>& trials);

} // namespace hpoc::rt
