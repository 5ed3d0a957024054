#include "runtime/agent/agent_strategy.h"

#include "runtime/agent/prompt_template.h"
#include "runtime/metrics_reader.h"
#include "runtime/random_strategy.h"
#include "runtime/trial_store.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hpoc::agent {

namespace fs = std::filesystem;

AgentStrategy::AgentStrategy(const rt::StudySpec& spec, std::string studyDir,
                             std::unique_ptr<ChatBackend> chatForTests)
    : spec_(spec), studyDir_(std::move(studyDir)), folders_(spec, studyDir_) {
  if (chatForTests) {
    testChat_ = std::move(chatForTests);
    testCreator_ = std::make_unique<Creator>(
        spec_, *testChat_, CreatorOptions{spec.agent.temperature, spec.agent.seed, 400, {}});
    testExecutor_ =
        std::make_unique<Executor>(spec_, *testChat_, spec.agent.temperature, spec.agent.seed);
    creator_ = testCreator_.get();
    executor_ = testExecutor_.get();
    return;
  }
  session_ = std::make_unique<AgentSession>(spec_, AgentSessionOptions{studyDir_, {}, {}});
  local_ = session_->isLocal();
  creator_ = &session_->creator();
  executor_ = &session_->executor();
}

void AgentStrategy::requireCachedAnswers() {
  if (session_)
    session_->cachedChat().requireCachedAnswers(spec_.agent.seed);
}

nlohmann::json AgentStrategy::exchangeJson(const LlmExchange& x, bool local) {
  nlohmann::json j = {{"purpose", x.purpose},
                      {"request", x.requestHash},
                      {"cached", x.cached},
                      {"ok", x.ok},
                      {"prompt_tokens", x.promptTokens},
                      {"completion_tokens", x.completionTokens},
                      {"seconds", x.seconds},
                      {"local", local}};
  if (!x.model.empty())
    j["model"] = x.model;
  if (!x.requestId.empty())
    j["request_id"] = x.requestId;
  if (!x.error.empty())
    j["error"] = defuse(x.error, 300);
  return j;
}

std::vector<TrialView> AgentStrategy::views(const std::vector<rt::TrialRecord>& history) const {
  std::vector<TrialView> out;
  for (const rt::TrialRecord& t : history) {
    if (t.status.empty())
      continue; // in flight: no result to learn from yet
    TrialView v;
    v.number = t.number;
    v.config = t.config;
    v.status = t.status;
    v.metric = t.status == "ok" ? t.metric : std::nullopt;
    if (!t.verdict.empty())
      v.analysis = t.verdict + (t.analysis.empty() ? "" : ": " + t.analysis);
    else if (!t.analysis.empty())
      v.analysis = t.analysis;
    else if (t.status != "ok" && !t.errorTail.empty())
      v.analysis = folders_.mask(t.errorTail);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<rt::Proposal> AgentStrategy::propose(const std::vector<rt::TrialRecord>& history,
                                                 int firstNumber, int count) {
  std::vector<rt::Proposal> out;
  std::vector<rt::TrialRecord> seen = history;
  std::vector<rt::Config> tried;
  for (const rt::TrialRecord& t : history)
    tried.push_back(t.config);
  std::vector<TrialView> finished = views(history);
  for (int i = 0; i < count; ++i) {
    int number = firstNumber + i;
    bool exhausted = false;
    auto fallback = [&]() -> rt::Config {
      rt::RandomStrategy random(
          spec_, spec_.agent.seed + number,
          rt::RandomOptions{"standing in for the agent, whose answers could not be used", false});
      std::vector<rt::Proposal> r = random.propose(seen, number, 1);
      if (r.empty()) {
        exhausted = true;
        return rt::Config::object();
      }
      return r[0].config;
    };
    // A repeated answer moves one step to an untried neighbour (seeded per trial).
    auto nearby = [&](const rt::Config& from, const rt::Config* previous) {
      std::mt19937_64 rng(static_cast<std::uint64_t>(spec_.agent.seed) * 1'000'003u +
                          static_cast<std::uint64_t>(number));
      return rt::neighbourConfig(spec_, from, tried, rng, previous);
    };
    Proposal p = creator_->propose(finished, number, tried, fallback, nearby);
    if (exhausted && p.config.empty()) // no random draw left and no other answer
      break;
    nlohmann::json exchanges = nlohmann::json::array();
    for (const LlmExchange& x : p.exchanges) {
      exchanges.push_back(exchangeJson(x, local_));
    }
    rt::Proposal proposal;
    proposal.config = p.config;
    proposal.rationale = p.rationale;
    proposal.source = p.source;
    proposal.details = {{"llm", exchanges}};
    if (!p.problems.empty())
      proposal.details["refused"] = p.problems;
    if (!p.notes.empty())
      proposal.details["adjusted"] = p.notes;
    tried.push_back(p.config);
    rt::TrialRecord pending;
    pending.number = number;
    pending.config = p.config;
    seen.push_back(pending);
    out.push_back(std::move(proposal));
  }
  return out;
}

std::optional<rt::TrialNote> AgentStrategy::observe(const rt::TrialRecord& trial,
                                                    const std::string& logTail) {
  ExecutorInput in;
  in.trialNumber = trial.number;
  in.config = trial.config;
  in.outcome = trial.status;
  // No wall time: a request whose answer is cached holds only what a replay of
  // the same trials reproduces (docs/agent.md, "The cache key").
  if (trial.metric && trial.status == "ok")
    in.outcome += ": " + spec_.goal.metric + " " + shortNumber(*trial.metric);
  std::ifstream f(fs::path(studyDir_) / "trials" / rt::trialFolderName(trial.id) /
                  rt::trialfile::kTrajectory);
  if (f) {
    std::stringstream text;
    text << f.rdbuf();
    in.trajectory = rt::readJsonLines(text.str()).trajectory;
  }
  if (trial.status != "ok")
    in.stderrTail = folders_.mask(logTail.empty() ? trial.errorTail : logTail);
  TrialAnalysis a = executor_->analyse(in);
  rt::TrialNote note;
  note.verdict = a.verdict;
  note.analysis = a.analysis;
  note.details = {{"analysis", a.askedLlm ? "llm" : "trajectory"}};
  if (a.askedLlm)
    note.details["llm"] = nlohmann::json::array({exchangeJson(a.exchange, local_)});
  return note;
}

std::optional<rt::StudySummary>
AgentStrategy::summarise(const std::vector<rt::TrialRecord>& history) {
  std::vector<LlmExchange> exchanges;
  auto s = creator_->summarise(views(history), &exchanges);
  if (!s)
    return std::nullopt;
  rt::StudySummary out;
  out.details = {{"llm", nlohmann::json::array()}};
  for (const LlmExchange& x : exchanges)
    out.details["llm"].push_back(exchangeJson(x, local_));
  out.summary = s->summary;
  out.influence = s->influence;
  out.next = s->next;
  return out;
}

} // namespace hpoc::agent
