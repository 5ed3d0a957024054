// The hybrid agent's two questions to the Creator: a warm-start batch of
// configurations from the study's description, and a choice among TPE's best
// candidates (lettered options with their scores) or a configuration of its own.
#pragma once

#include "runtime/agent/creator_prompt.h"

#include <string>
#include <vector>

namespace hpoc::agent {

/// One of TPE's candidates as the Creator sees it.
struct TpeOption {
  rt::Config config;
  double logRatio = 0; ///< TPE's log l(x)/g(x): higher looks more like the best trials
};

/// "A", "B", ... for option `index` (0-based).
std::string optionLetter(std::size_t index);

/// Messages asking for `count` configurations for trials `first`.., before any
/// result; `planned` holds the configurations already decided (the default).
nlohmann::json warmStartMessages(const rt::StudySpec& spec, int count, int first,
                                 const std::vector<rt::Config>& planned,
                                 const PromptLimits& limits = {});
/// {"proposals": [{"rationale", "config"}, ...]} with exactly `count` items.
nlohmann::json warmStartSchema(const rt::StudySpec& spec, int count);

/// Messages asking the Creator to pick one of `options` for trial `trialNumber`
/// or to argue for its own configuration.
nlohmann::json choiceMessages(const rt::StudySpec& spec, const std::vector<TrialView>& trials,
                              int trialNumber, const std::vector<TpeOption>& options,
                              const PromptLimits& limits = {});
/// {"rationale", "choice": one of the letters or "own", "config"?}.
nlohmann::json choiceSchema(const rt::StudySpec& spec, std::size_t options);

} // namespace hpoc::agent
