// The `agent-classic` strategy: the AgentHPO loop behind the runtime's Strategy
// interface (the Creator proposes every trial; a repeat moves a compass step),
// kept as the ablation row of the hybrid `agent` (hybrid_strategy.h), which
// shares its LLM session, its Executor and its failure policy.
#pragma once

#include "runtime/agent/agent_session.h"
#include "runtime/agent/explanation_check.h"
#include "runtime/spec/study_folders.h"
#include "runtime/strategies/strategy.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace hpoc::agent {

class AgentStrategy : public rt::Strategy {
public:
  /// `studyDir` is hpo/<study>: the response cache, the server log and the trial
  /// folders (read for trajectories) are under it.
  AgentStrategy(const rt::StudySpec& spec, std::string studyDir,
                std::unique_ptr<ChatBackend> chatForTests = nullptr);

  std::string name() const override { return "agent-classic"; }
  std::vector<rt::Proposal> propose(const std::vector<rt::TrialRecord>& history, int firstNumber,
                                    int count) override;
  std::optional<rt::TrialNote> observe(const rt::TrialRecord& trial,
                                       const std::string& logTail) override;
  std::optional<rt::StudySummary> summarise(const std::vector<rt::TrialRecord>& history) override;
  std::vector<std::string> takeAlerts() override;
  bool mayWait() const override { return true; }

  /// A strict replay (--replay): every LLM answer comes from the response cache;
  /// the first request it lacks throws ReplayMiss (an rt::StrategyError).
  void requireCachedAnswers();

  /// An exchange as the journal records it (never a key; the request is named by
  /// its cache key only).
  static nlohmann::json exchangeJson(const LlmExchange& x, bool local);

protected:
  std::vector<TrialView> views(const std::vector<rt::TrialRecord>& history) const;
  /// Proposes trial `number`: asks again after a failed answer while the failure
  /// policy allows, and throws rt::StrategyError when it says stop.
  Proposal proposeOne(const std::vector<TrialView>& finished, int number,
                      const std::vector<rt::Config>& tried,
                      const std::function<rt::Config()>& fallback, const Creator::Nearby& nearby);
  /// Counts a call that gave nothing usable (`why`) or, with `why` empty, one that did.
  void countCall(const std::string& why);
  /// The message that ends a study whose LLM keeps failing: cause and fixes.
  std::string stopMessage() const;
  /// Counts a failed call under the failure policy and says so: throws
  /// rt::StrategyError when `on_llm_failure stop` has seen too many in a row;
  /// true when the caller should ask again, false when a random draw stands in.
  bool onFailedCall(int number, const std::string& why, std::size_t calls);
  /// A random draw for trial `number` (source random-fallback), when the
  /// failure policy says so; empty config when the space is exhausted.
  rt::Proposal randomFallback(const std::vector<rt::TrialRecord>& seen, int number,
                              const std::string& why) const;

  /// What a text about trial `number` may cite: the trials up to `number - 1`
  /// (up to `number` for its analysis, with `metric`), and other trials' texts.
  ExplanationFacts factsFor(int number, bool includeSelf, std::optional<double> metric) const;
  /// `text` when it passes checkExplanation, else `computed`; either way the
  /// check's outcome goes into details["explanation_check"], and the shown text
  /// is remembered so that later trials do not copy it.
  std::string checkedText(const std::string& text, const std::string& computed, int number,
                          const ExplanationFacts& facts, nlohmann::json* details);
  /// "against the best so far, trial 3 (val_rmse 0.52): lr 0.1 -> 0.03"; from the
  /// study's default while no trial has succeeded.
  std::string changeFromBest(const std::vector<rt::TrialRecord>& history,
                             const rt::Config& config) const;

  const rt::StudySpec& spec_;
  std::string studyDir_;
  rt::StudyFolders folders_; ///< masked in trial output that reaches a prompt
  std::unique_ptr<AgentSession> session_;
  std::unique_ptr<ChatBackend> testChat_;
  std::unique_ptr<Creator> testCreator_;
  std::unique_ptr<Executor> testExecutor_;
  Creator* creator_ = nullptr;
  Executor* executor_ = nullptr;
  bool local_ = false;      ///< the LLM is the local server: its tokens cost nothing
  int failuresInARow_ = 0;  ///< failed LLM calls since the last usable answer
  std::string lastFailure_; ///< why the latest of them failed
  bool warned_ = false;     ///< the first failure has been explained in full
  std::vector<std::string> alerts_;
  /// Rationales and analyses shown so far, by trial: a new text must not copy one.
  std::map<int, std::vector<std::string>> shownTexts_;
  /// The latest history seen, for the facts an analysis may cite.
  std::vector<rt::TrialRecord> known_;
};

} // namespace hpoc::agent
