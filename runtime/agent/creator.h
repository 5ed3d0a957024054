// The Creator agent: proposes the next configuration with its reasons, checked
// against the space, with one repair round and a recorded fallback; and writes
// the study's closing analysis.
#pragma once

#include "runtime/agent/chat_backend.h"
#include "runtime/agent/creator_prompt.h"
#include "runtime/agent/hybrid_prompt.h"
#include "runtime/strategies/strategy.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::agent {

struct CreatorOptions {
  double temperature = 0.2;
  std::int64_t seed = 0;
  int maxTokens = 400; ///< per answer; a configuration and a bounded rationale fit
  PromptLimits limits;
};

using rt::source::kSourceLlm;
using rt::source::kSourceLlmRepaired;
using rt::source::kSourceNudged;
using rt::source::kSourceRandomFallback;

/// A proposal and how it came about.
struct Proposal {
  rt::Config config;
  std::string rationale;
  /// One of the kSource* names below.
  std::string source;
  std::vector<std::string> problems; ///< why answers were refused, for the journal
  std::vector<std::string> notes;    ///< adjustments made to a valid answer
  std::vector<LlmExchange> exchanges;
};

/// One configuration of a warm-start answer: usable (`config`), a repeat of
/// tried configuration `repeats` (from 1), or refused (`problem`).
struct WarmStartItem {
  std::optional<rt::Config> config;
  std::string rationale;
  std::string problem;
  int repeats = 0;
};

/// The warm start's one call: `failure` says why it gave nothing usable.
struct WarmStart {
  bool answered = false;
  std::string failure;
  std::vector<WarmStartItem> items;
  std::vector<LlmExchange> exchanges;
};

/// The Creator's pick among TPE's options: `option` (0-based) or its own config.
struct Choice {
  bool answered = false;
  std::string failure; ///< why the call gave nothing usable
  int option = -1;
  std::optional<rt::Config> own; ///< valid and untried
  int repeats = 0;               ///< its own config repeated tried configuration N (from 1)
  std::string rationale;
  std::vector<std::string> problems; ///< why its own config was refused
  std::vector<LlmExchange> exchanges;
};

class Creator {
public:
  Creator(const rt::StudySpec& spec, ChatBackend& chat, CreatorOptions options);

  /// Proposes trial `trialNumber`. `history` is what finished; `tried` holds every
  /// configuration proposed so far (finished or in flight), which must not repeat.
  /// `fallback` gives a configuration when the LLM cannot. `nearby`, when set,
  /// takes the place of a repair round for an answer that only repeats a tried
  /// configuration: it gives an untried configuration next to the best trial so
  /// far (next to the repeated one while none has succeeded), or nullopt. Small
  /// models tend to repeat a trial, and asking them again costs a whole answer.
  /// When later trials tie the best, the latest of them is the point to move
  /// from, and the tie before it is passed as where the search came from.
  using Nearby =
      std::function<std::optional<rt::Config>(const rt::Config& from, const rt::Config* previous)>;
  /// `attempt` > 0 asks again after a failed proposal, with another seed (so a
  /// deterministic model does not repeat the same invalid answer).
  Proposal propose(const std::vector<TrialView>& history, int trialNumber,
                   const std::vector<rt::Config>& tried,
                   const std::function<rt::Config()>& fallback, const Nearby& nearby = {},
                   int attempt = 0);

  /// The hybrid agent's first call: `count` configurations for trials
  /// `firstNumber`.. from the description alone, each checked against the space
  /// and against `tried` and the ones before it in the answer.
  WarmStart warmStart(int count, int firstNumber, const std::vector<rt::Config>& tried,
                      int attempt = 0);

  /// The hybrid agent's choice for trial `trialNumber` among `options` (TPE's
  /// best candidates, best first), or a configuration of its own, checked.
  Choice choose(const std::vector<TrialView>& history, int trialNumber,
                const std::vector<TpeOption>& options, const std::vector<rt::Config>& tried,
                int attempt = 0);

  /// The closing analysis of the study, or nullopt when the LLM could not give one.
  std::optional<rt::StudySummary> summarise(const std::vector<TrialView>& history,
                                            std::vector<LlmExchange>* exchanges);

private:
  /// The finished trial with the best goal metric, or nullptr.
  const TrialView* bestTrial(const std::vector<TrialView>& history) const;

  const rt::StudySpec& spec_;
  ChatBackend& chat_;
  CreatorOptions options_;
};

} // namespace hpoc::agent
