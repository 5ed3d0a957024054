// Picks the strategy a run uses, by name: `agent` (the hybrid of TPE and the
// LLM Creator), `agent-classic` (the Creator alone), `random`, `tpe`, or
// `external` (a proposer program).
#pragma once

#include "runtime/strategies/strategy.h"

#include <memory>
#include <optional>
#include <string>

namespace hpoc::rt {

struct StrategyChoice {
  std::unique_ptr<Strategy> strategy;
  std::string notice; ///< printed once (a fallback, say); empty when none
};

/// What the runner's command line adds to the study's choice.
struct StrategySettings {
  std::string name;                 ///< "agent", "agent-classic", "random", "tpe" or "external"
  bool defaultFirst = false;        ///< random, tpe: trial 1 is the study's default configuration
  std::string proposer;             ///< external: the proposer command
  std::optional<int> startupTrials; ///< tpe: overrides the study's `startup_trials`
  bool replay = false;              ///< agent: answers only from the response cache (--replay)
};

/// `spec` must outlive the strategy. False with `err` for an unknown name or
/// `external` without a proposer.
bool makeStrategy(const StudySpec& spec, const StrategySettings& settings,
                  const std::string& studyDir, StrategyChoice* out, std::string* err);

} // namespace hpoc::rt
