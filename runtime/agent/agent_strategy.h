// The `agent` strategy: the AgentHPO loop behind the runtime's Strategy
// interface, so that agent and random search share trials, journals and reports.
#pragma once

#include "runtime/agent/agent_session.h"
#include "runtime/strategies/strategy.h"
#include "runtime/spec/study_folders.h"

#include <functional>
#include <memory>
#include <string>

namespace hpoc::agent {

class AgentStrategy : public rt::Strategy {
public:
  /// `studyDir` is hpo/<study>: the response cache, the server log and the trial
  /// folders (read for trajectories) are under it.
  AgentStrategy(const rt::StudySpec& spec, std::string studyDir,
                std::unique_ptr<ChatBackend> chatForTests = nullptr);

  std::string name() const override { return "agent"; }
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

private:
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

  const rt::StudySpec& spec_;
  std::string studyDir_;
  rt::StudyFolders folders_; ///< masked in trial output that reaches a prompt
  std::unique_ptr<AgentSession> session_;
  std::unique_ptr<ChatBackend> testChat_;
  std::unique_ptr<Creator> testCreator_;
  std::unique_ptr<Executor> testExecutor_;
  Creator* creator_ = nullptr;
  Executor* executor_ = nullptr;
  bool local_ = false; ///< the LLM is the local server: its tokens cost nothing
  int failuresInARow_ = 0;   ///< failed LLM calls since the last usable answer
  std::string lastFailure_;  ///< why the latest of them failed
  bool warned_ = false;      ///< the first failure has been explained in full
  std::vector<std::string> alerts_;
};

} // namespace hpoc::agent
