#include "runtime/agent/agent_strategy.h"

#include "runtime/agent/prompt_template.h"
#include "runtime/strategies/random_strategy.h"
#include "runtime/trials/metrics_reader.h"
#include "runtime/trials/trial_store.h"

#include <cmath>
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

namespace {

/// The first line of a problem, which names the cause; the rest (a log's tail)
/// stays in the journal.
std::string firstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == ':' || line.back() == ' '))
    line.pop_back();
  return line;
}

} // namespace

void AgentStrategy::countCall(const std::string& why) {
  if (why.empty()) {
    failuresInARow_ = 0;
    return;
  }
  ++failuresInARow_;
  lastFailure_ = why;
}

std::string AgentStrategy::stopMessage() const {
  std::string where = session_ ? session_->describeEndpoint() : "the LLM";
  return "the agent's LLM failed " + std::to_string(failuresInARow_) +
         " times in a row, so the study stops (no trial was given a configuration the LLM did not "
         "choose).\n"
         "  LLM: " +
         where +
         "\n"
         "  cause: " +
         lastFailure_ +
         "\n"
         "  fix: check the LLM with `hpoc llm check`; for the local model, run "
         "scripts/bootstrap-llm.sh\n"
         "       (it builds llama-server for this CPU and proves that it generates). To go on "
         "with\n"
         "       random search instead, say `on_llm_failure random` in the study's agent block or\n"
         "       run with HPOC_RUNNER_ARGS=\"--on-llm-failure random\".";
}

bool AgentStrategy::onFailedCall(int number, const std::string& why, std::size_t calls) {
  const bool stopOnFailure = spec_.agent.onLlmFailure != "random";
  for (std::size_t i = 0; i < std::max<std::size_t>(1, calls); ++i)
    countCall(why);
  std::string alert = "trial " + std::to_string(number) + ": the LLM gave no configuration: " + why;
  if (!warned_ && session_)
    alert += "\n  LLM: " + session_->describeEndpoint();
  warned_ = true;
  if (!stopOnFailure) {
    alerts_.push_back(alert + "\n  on_llm_failure is 'random': trial " + std::to_string(number) +
                      " takes a random configuration (source random-fallback)");
    return false;
  }
  if (failuresInARow_ >= rt::kLlmFailureLimit) {
    alerts_.push_back(alert);
    throw rt::StrategyError(stopMessage(), rt::kRunExitLlmFailed);
  }
  alerts_.push_back(alert + "; asking again (" + std::to_string(failuresInARow_) + " of " +
                    std::to_string(rt::kLlmFailureLimit) + " failed calls in a row)");
  return true;
}

rt::Proposal AgentStrategy::randomFallback(const std::vector<rt::TrialRecord>& seen, int number,
                                           const std::string& why) const {
  rt::RandomStrategy random(
      spec_, spec_.agent.seed + number,
      rt::RandomOptions{"standing in for the agent, whose answers could not be used", false});
  std::vector<rt::Proposal> r = random.propose(seen, number, 1);
  rt::Proposal p;
  if (r.empty())
    return p;
  p.config = r[0].config;
  p.source = kSourceRandomFallback;
  p.rationale =
      "The LLM gave no usable configuration (" + why + "), so this one was drawn at random.";
  return p;
}

ExplanationFacts AgentStrategy::factsFor(int number, bool includeSelf,
                                         std::optional<double> metric) const {
  ExplanationFacts f;
  f.metric = spec_.goal.metric;
  for (const rt::TrialRecord& t : known_) {
    if (t.number < number)
      f.trials[t.number] = t.status == "ok" ? t.metric : std::nullopt;
    if (t.number != number)
      for (const std::string* s : {&t.rationale, &t.analysis})
        if (!s->empty())
          f.otherTexts.push_back(*s);
  }
  for (const auto& [k, texts] : shownTexts_)
    if (k != number)
      f.otherTexts.insert(f.otherTexts.end(), texts.begin(), texts.end());
  if (includeSelf)
    f.trials[number] = metric;
  return f;
}

std::string AgentStrategy::checkedText(const std::string& text, const std::string& computed,
                                       int number, const ExplanationFacts& facts,
                                       nlohmann::json* details) {
  ExplanationVerdict v = checkExplanation(text, facts);
  std::string shown = v.ok() ? text : computed;
  // A text cut off by the answer's length bound keeps its complete sentences
  // when they pass every rule.
  std::string kept = v.rule == "cut-off" ? completeSentences(text) : std::string();
  if (!kept.empty() && checkExplanation(kept, facts).ok())
    shown = kept;
  if (v.ok())
    (*details)["explanation_check"] = {{"passed", true}};
  else
    (*details)["explanation_check"] = {
        {"passed", false},
        {"rule", v.rule},
        {"detail", v.detail},
        {"text", defuse(text, 600)},
        {"shown", shown == kept ? "complete sentences" : "computed"}};
  shownTexts_[number].push_back(shown);
  return shown;
}

std::string AgentStrategy::changeFromBest(const std::vector<rt::TrialRecord>& history,
                                          const rt::Config& config) const {
  const rt::TrialRecord* best = nullptr;
  for (const rt::TrialRecord& t : history)
    if (t.status == "ok" && t.metric && std::isfinite(*t.metric) &&
        (!best || (spec_.goal.maximize ? *t.metric > *best->metric : *t.metric < *best->metric)))
      best = &t;
  if (!best)
    return "against the study's default: " +
           describeChange(spec_, rt::defaultConfig(spec_), config);
  return "against the best so far, trial " + std::to_string(best->number) + " (" +
         spec_.goal.metric + " " + shortNumber(*best->metric) +
         "): " + describeChange(spec_, best->config, config);
}

Proposal AgentStrategy::proposeOne(const std::vector<TrialView>& finished, int number,
                                   const std::vector<rt::Config>& tried,
                                   const std::function<rt::Config()>& fallback,
                                   const Creator::Nearby& nearby) {
  const bool stopOnFailure = spec_.agent.onLlmFailure != "random";
  std::vector<LlmExchange> spent;
  std::vector<std::string> problems;
  for (int attempt = 0;; ++attempt) {
    if (stopOnFailure && failuresInARow_ >= rt::kLlmFailureLimit)
      throw rt::StrategyError(stopMessage(), rt::kRunExitLlmFailed);
    Proposal p = creator_->propose(finished, number, tried, fallback, nearby, attempt);
    spent.insert(spent.end(), p.exchanges.begin(), p.exchanges.end());
    problems.insert(problems.end(), p.problems.begin(), p.problems.end());
    if (p.source != kSourceRandomFallback) {
      countCall("");
      p.exchanges = std::move(spent);
      p.problems = std::move(problems);
      return p;
    }
    std::string why =
        p.problems.empty() ? "the LLM gave no usable answer" : firstLine(p.problems.back());
    for (std::size_t i = 0; i < std::max<std::size_t>(1, p.exchanges.size()); ++i)
      countCall(why);
    std::string alert =
        "trial " + std::to_string(number) + ": the LLM gave no configuration: " + why;
    if (!warned_ && session_)
      alert += "\n  LLM: " + session_->describeEndpoint();
    warned_ = true;
    if (!stopOnFailure) {
      alerts_.push_back(alert + "\n  on_llm_failure is 'random': trial " + std::to_string(number) +
                        " takes a random configuration (source random-fallback)");
      p.exchanges = std::move(spent);
      p.problems = std::move(problems);
      p.rationale =
          "The LLM gave no usable configuration (" + why + "), so this one was drawn at random.";
      return p;
    }
    alerts_.push_back(alert +
                      (failuresInARow_ < rt::kLlmFailureLimit
                           ? "; asking again (" + std::to_string(failuresInARow_) + " of " +
                                 std::to_string(rt::kLlmFailureLimit) + " failed calls in a row)"
                           : std::string()));
  }
}

std::vector<rt::Proposal> AgentStrategy::propose(const std::vector<rt::TrialRecord>& history,
                                                 int firstNumber, int count) {
  std::vector<rt::Proposal> out;
  known_ = history;
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
    Proposal p = proposeOne(finished, number, tried, fallback, nearby);
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
    if (rt::source::chosenByLlm(p.source))
      proposal.rationale = checkedText(
          p.rationale, "The LLM's configuration, " + changeFromBest(seen, p.config) + ".", number,
          factsFor(number, false, std::nullopt), &proposal.details);
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

std::vector<std::string> AgentStrategy::takeAlerts() {
  std::vector<std::string> out;
  out.swap(alerts_);
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
  if (a.askedLlm && !a.exchange.cached) {
    std::string why =
        a.exchange.ok ? "" : firstLine(a.exchange.error.empty() ? "no answer" : a.exchange.error);
    countCall(why);
    if (!why.empty())
      alerts_.push_back("trial " + std::to_string(trial.number) + ": the LLM did not analyse it (" +
                        why + "); the analysis is the reading of its numbers");
  }
  rt::TrialNote note;
  note.verdict = a.verdict;
  note.analysis = a.analysis;
  note.details = {{"analysis", a.askedLlm ? "llm" : "trajectory"}};
  if (a.answered) {
    ExplanationFacts facts =
        factsFor(trial.number, true, trial.status == "ok" ? trial.metric : std::nullopt);
    for (const nlohmann::json& point : in.trajectory)
      for (auto it = point.begin(); it != point.end(); ++it)
        if (it.value().is_number() && it.key() != "line")
          facts.values.push_back(it.value().get<double>());
    note.analysis = checkedText(a.analysis, a.computedAnalysis, trial.number, facts, &note.details);
    if (note.analysis != a.analysis)
      note.verdict = a.computedVerdict;
  }
  if (a.askedLlm)
    note.details["llm"] = nlohmann::json::array({exchangeJson(a.exchange, local_)});
  return note;
}

std::optional<rt::StudySummary>
AgentStrategy::summarise(const std::vector<rt::TrialRecord>& history) {
  std::vector<LlmExchange> exchanges;
  auto s = creator_->summarise(views(history), &exchanges);
  for (const LlmExchange& x : exchanges)
    if (!x.cached)
      countCall(x.ok ? "" : firstLine(x.error.empty() ? "no answer" : x.error));
  if (!s) {
    alerts_.push_back("the LLM gave no closing analysis" +
                      (lastFailure_.empty() ? std::string() : " (" + lastFailure_ + ")") +
                      "; the report has the trials' numbers and explanations only");
    return std::nullopt;
  }
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
