// The Creator's prompt: the method's four parts (hyperparameters, dataset, goal,
// model) plus a compact table of past trials, and the JSON shape of its answer.
#pragma once

#include "runtime/spec/study_spec.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::agent {

/// What the agent sees of a finished trial.
struct TrialView {
  int number = 0; ///< 1-based, in the order trials were proposed
  rt::Config config;
  std::string status; ///< "ok", "failed", "timeout", ...
  std::optional<double> metric;
  std::string analysis; ///< the Executor's verdict and note; untrusted text
};

/// Limits that keep prompts small; the agent's token use grows with them.
struct PromptLimits {
  std::size_t maxHistoryRows = 30;    ///< older trials beyond this are summarised
  std::size_t maxAnalysisBytes = 160; ///< per trial in the table
  std::size_t maxTextBytes = 1500;    ///< task, dataset and model descriptions each
};

/// "- lr: float in [1e-05, 0.1], log scale; default 0.001. Learning rate."
std::string describeSpace(const rt::StudySpec& spec);
/// "Maximize val_acc (...). Budget: 10 trials. Limits: ..."
std::string describeGoal(const rt::StudySpec& spec);
/// A Markdown table of trials, best-first marks included, analyses defused.
std::string historyTable(const rt::StudySpec& spec, const std::vector<TrialView>& trials,
                         const PromptLimits& limits = {});

/// The prompt variables every Creator prompt shares: task, dataset, model, goal,
/// space, budget and config_shape (the study's facts, nothing from a run).
std::map<std::string, std::string> studyPromptVars(const rt::StudySpec& spec,
                                                   const PromptLimits& limits = {});
/// {"lr": number, "opt": one of the values}: the shape of a config in a prompt.
std::string configShape(const rt::StudySpec& spec);

/// The messages (system and user) asking for trial `trialNumber`.
nlohmann::json creatorMessages(const rt::StudySpec& spec, const std::vector<TrialView>& trials,
                               int trialNumber, const PromptLimits& limits = {});

/// The longest rationale the answer schema allows (about 60 tokens): on a CPU
/// model every generated token costs about a tenth of a second.
inline constexpr int kMaxRationaleChars = 280;

/// The JSON schema of the Creator's answer: {"rationale": string, "config": {...}}
/// with one property per parameter (bounds included, although llama-server does not
/// enforce float bounds: checkProposal does).
nlohmann::json creatorAnswerSchema(const rt::StudySpec& spec);

/// Compact text of a number for prompts and tables: 4 significant digits.
std::string shortNumber(double v);
/// "lr=0.001, opt=adam" in the space's order.
std::string configText(const rt::StudySpec& spec, const rt::Config& config);

} // namespace hpoc::agent
