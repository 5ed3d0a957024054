// The `agent` strategy: a hybrid of the native TPE and the LLM Creator, used
// where each measurably helps. Trial 1 is the study's default configuration; the
// Creator's first call proposes a small warm-start batch from the description
// (the LLM's strength: prior knowledge of the task); later trials come from TPE,
// and on a bounded share of them (llm_share) the Creator sees TPE's best
// candidates as lettered options and picks one or argues for its own. A repeat
// is replaced by TPE's next candidate. Every trial records its source and a
// one-line reason: the LLM's, checked (explanation_check.h), or a computed one.
#pragma once

#include "runtime/agent/agent_strategy.h"
#include "runtime/strategies/tpe_strategy.h"

#include <optional>
#include <set>

namespace hpoc::agent {

/// How many of TPE's candidates the Creator sees on a choice trial.
inline constexpr std::size_t kTpeOptions = 3;

/// True when the hybrid's trial `number` is one where the LLM chooses: among
/// the TPE trials (from `firstTpeTrial` on), the k-th is a choice when
/// floor(k * share) grows at k, so that after any k of them the LLM has chosen
/// floor(k * share) times, never more than the share.
bool isLlmChoiceTrial(int number, int firstTpeTrial, double share);

class HybridStrategy : public AgentStrategy {
public:
  HybridStrategy(const rt::StudySpec& spec, std::string studyDir,
                 std::unique_ptr<ChatBackend> chatForTests = nullptr);

  std::string name() const override { return "agent"; }
  std::vector<rt::Proposal> propose(const std::vector<rt::TrialRecord>& history, int firstNumber,
                                    int count) override;

  /// The first trial of the warm start (1, or 2 when trial 1 is the default)
  /// and the first trial TPE proposes.
  int firstWarmTrial() const { return defaultFirst_ ? 2 : 1; }
  int firstTpeTrial() const { return firstWarmTrial() + std::max(0, spec_.agent.warmStart); }

private:
  rt::Proposal proposeTrial(const std::vector<rt::TrialRecord>& seen, int number,
                            const std::vector<rt::Config>& tried);
  rt::Proposal defaultTrial(int number);
  rt::Proposal warmTrial(const std::vector<rt::TrialRecord>& seen, int number,
                         const std::vector<rt::Config>& tried);
  rt::Proposal choiceTrial(const std::vector<rt::TrialRecord>& seen, int number,
                           const std::vector<rt::Config>& tried);
  /// TPE's best untried candidate, its reason computed; `why` (when set) says
  /// first why TPE stands in.
  rt::Proposal tpeTrial(const std::vector<rt::TrialRecord>& seen, int number,
                        const std::string& why = "");

  rt::TpeStrategy tpe_;
  bool defaultFirst_ = false;     ///< every active parameter of the default has a declared default
  std::optional<WarmStart> warm_; ///< the warm start's answer, once asked
};

} // namespace hpoc::agent
