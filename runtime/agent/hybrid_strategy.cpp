#include "runtime/agent/hybrid_strategy.h"

#include "runtime/agent/proposal_check.h"
#include "runtime/spec/config_canon.h"
#include "runtime/strategies/random_strategy.h"

#include <cmath>

namespace hpoc::agent {

namespace {

rt::TpeOptions hybridTpeOptions() {
  rt::TpeOptions o;
  o.startupTrials = 0; // the default and the warm start are its start-up
  return o;
}

/// True when every parameter active in the default configuration declares a
/// default: then trial 1 is the user's own baseline, not a guess.
bool hasDeclaredDefaults(const rt::StudySpec& spec) {
  rt::Config d = rt::defaultConfig(spec);
  for (const rt::ParamSpec& p : spec.space)
    if (d.contains(p.name) && !p.defaultValue)
      return false;
  return true;
}

nlohmann::json exchangesJson(const std::vector<LlmExchange>& spent, bool local) {
  nlohmann::json out = nlohmann::json::array();
  for (const LlmExchange& x : spent)
    out.push_back(AgentStrategy::exchangeJson(x, local));
  return out;
}

} // namespace

bool isLlmChoiceTrial(int number, int firstTpeTrial, double share) {
  if (!(share > 0) || number < firstTpeTrial)
    return false;
  const double k = number - firstTpeTrial + 1;
  return std::floor(k * share + 1e-9) > std::floor((k - 1) * share + 1e-9);
}

HybridStrategy::HybridStrategy(const rt::StudySpec& spec, std::string studyDir,
                               std::unique_ptr<ChatBackend> chatForTests)
    : AgentStrategy(spec, std::move(studyDir), std::move(chatForTests)),
      tpe_(spec, spec.agent.seed, hybridTpeOptions()), defaultFirst_(hasDeclaredDefaults(spec)) {}

std::vector<rt::Proposal> HybridStrategy::propose(const std::vector<rt::TrialRecord>& history,
                                                  int firstNumber, int count) {
  known_ = history;
  std::vector<rt::TrialRecord> seen = history;
  std::vector<rt::Config> tried;
  for (const rt::TrialRecord& t : history)
    tried.push_back(t.config);
  std::vector<rt::Proposal> out;
  for (int number = firstNumber; number < firstNumber + count; ++number) {
    rt::Proposal p = proposeTrial(seen, number, tried);
    if (p.config.empty() && !spec_.space.empty())
      break; // the space has no untried configuration left
    tried.push_back(p.config);
    rt::TrialRecord pending;
    pending.number = number;
    pending.config = p.config;
    pending.source = p.source;
    pending.rationale = p.rationale;
    seen.push_back(pending);
    out.push_back(std::move(p));
  }
  return out;
}

rt::Proposal HybridStrategy::proposeTrial(const std::vector<rt::TrialRecord>& seen, int number,
                                          const std::vector<rt::Config>& tried) {
  if (number == 1 && defaultFirst_ && tried.empty())
    return defaultTrial(number);
  if (number >= firstWarmTrial() && number < firstTpeTrial())
    return warmTrial(seen, number, tried);
  if (isLlmChoiceTrial(number, firstTpeTrial(), spec_.agent.llmShare))
    return choiceTrial(seen, number, tried);
  return tpeTrial(seen, number);
}

rt::Proposal HybridStrategy::defaultTrial(int) {
  rt::Proposal p;
  p.config = rt::defaultConfig(spec_);
  p.source = rt::source::kSourceDefault;
  p.rationale = "The study's default configuration: the baseline every later trial is measured "
                "against.";
  return p;
}

rt::Proposal HybridStrategy::warmTrial(const std::vector<rt::TrialRecord>& seen, int number,
                                       const std::vector<rt::Config>& tried) {
  std::vector<LlmExchange> spent;
  if (!warm_) {
    std::vector<rt::Config> planned;
    if (defaultFirst_)
      planned.push_back(rt::defaultConfig(spec_));
    for (int attempt = 0;; ++attempt) {
      WarmStart w = creator_->warmStart(spec_.agent.warmStart, firstWarmTrial(), planned, attempt);
      spent.insert(spent.end(), w.exchanges.begin(), w.exchanges.end());
      if (w.answered) {
        countCall("");
        warm_ = std::move(w);
        break;
      }
      if (!onFailedCall(number, w.failure, w.exchanges.size())) {
        warm_ = std::move(w); // not answered: every warm-start trial is a random draw
        break;
      }
    }
  }
  auto withExchanges = [&](rt::Proposal p) {
    if (!spent.empty())
      p.details["llm"] = exchangesJson(spent, local_);
    return p;
  };
  if (!warm_->answered)
    return withExchanges(randomFallback(seen, number, warm_->failure));
  const std::size_t index = static_cast<std::size_t>(number - firstWarmTrial());
  if (index >= warm_->items.size())
    return withExchanges(tpeTrial(seen, number,
                                  "The LLM's warm start gave no configuration for "
                                  "this trial, so TPE's candidate: "));
  const WarmStartItem& item = warm_->items[index];
  std::string why;
  if (item.config) {
    ProposalCheck again = checkProposal(spec_, *item.config, tried);
    if (again.ok()) {
      rt::Proposal p;
      p.config = again.config;
      p.source = rt::source::kSourceLlm;
      p.details["warm_start"] = {{"item", index + 1}, {"of", warm_->items.size()}};
      std::string computed =
          "Warm start from the study's description, " + changeFromBest(seen, p.config) + ".";
      p.rationale =
          checkedText(item.rationale, computed, number, factsFor(number, false, {}), &p.details);
      return withExchanges(std::move(p));
    }
    why = "The LLM's warm-start configuration repeats a tried one, so TPE's candidate instead: ";
  } else if (item.repeats > 0) {
    why = "The LLM's warm-start configuration repeated an earlier one, so TPE's candidate "
          "instead: ";
  } else {
    why = "The LLM's warm-start configuration was refused (" + item.problem +
          "), so TPE's candidate instead: ";
  }
  rt::Proposal p = tpeTrial(seen, number, why);
  if (!item.problem.empty())
    p.details["refused"] = nlohmann::json::array({item.problem});
  return withExchanges(std::move(p));
}

rt::Proposal HybridStrategy::choiceTrial(const std::vector<rt::TrialRecord>& seen, int number,
                                         const std::vector<rt::Config>& tried) {
  std::set<std::string> triedSet;
  for (const rt::Config& c : tried)
    triedSet.insert(rt::canonicalJson(rt::canonicalConfig(spec_, c)));
  std::vector<rt::Proposal> candidates = tpe_.topCandidates(seen, number, kTpeOptions, triedSet);
  if (candidates.empty())
    return tpeTrial(seen, number); // nothing finished yet: TPE has no estimate to show
  std::vector<TpeOption> options;
  nlohmann::json shown = nlohmann::json::array();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const nlohmann::json& score = candidates[i].details["tpe"]["log_ratio"];
    options.push_back({candidates[i].config, score.is_number() ? score.get<double>() : 0.0});
    shown.push_back(
        {{"option", optionLetter(i)}, {"config", candidates[i].config}, {"log_ratio", score}});
  }
  std::vector<LlmExchange> spent;
  Choice c;
  for (int attempt = 0;; ++attempt) {
    c = creator_->choose(views(seen), number, options, tried, attempt);
    spent.insert(spent.end(), c.exchanges.begin(), c.exchanges.end());
    if (c.answered) {
      countCall("");
      break;
    }
    if (!onFailedCall(number, c.failure, c.exchanges.size())) {
      rt::Proposal p = randomFallback(seen, number, c.failure);
      p.details["llm"] = exchangesJson(spent, local_);
      return p;
    }
  }
  rt::Proposal p;
  std::string computed;
  if (c.option >= 0) {
    p.config = options[static_cast<std::size_t>(c.option)].config;
    p.source = rt::source::kSourceLlmChoice;
    computed = "Picked TPE's option " + optionLetter(static_cast<std::size_t>(c.option)) + " of " +
               std::to_string(options.size()) + " (log l/g " +
               shortNumber(options[static_cast<std::size_t>(c.option)].logRatio) + "), " +
               changeFromBest(seen, p.config) + ".";
  } else if (c.own) {
    p.config = *c.own;
    p.source = rt::source::kSourceLlm;
    computed = "The LLM's own configuration instead of TPE's options, " +
               changeFromBest(seen, p.config) + ".";
  } else {
    std::string why =
        c.repeats > 0 ? "The LLM's own configuration repeated trial " + std::to_string(c.repeats) +
                            ", so TPE's best candidate instead: "
                      : "The LLM's own configuration was refused (" +
                            (c.problems.empty() ? std::string("no config") : c.problems.front()) +
                            "), so TPE's best candidate instead: ";
    p = candidates.front();
    p.rationale = why + p.rationale + "; " + changeFromBest(seen, p.config) + ".";
  }
  p.details["llm"] = exchangesJson(spent, local_);
  p.details["tpe_options"] = shown;
  p.details["choice"] = c.option >= 0 ? optionLetter(static_cast<std::size_t>(c.option)) : "own";
  if (!c.problems.empty())
    p.details["refused"] = c.problems;
  if (!computed.empty())
    p.rationale =
        checkedText(c.rationale, computed, number, factsFor(number, false, {}), &p.details);
  return p;
}

rt::Proposal HybridStrategy::tpeTrial(const std::vector<rt::TrialRecord>& seen, int number,
                                      const std::string& why) {
  std::vector<rt::Proposal> drawn = tpe_.propose(seen, number, 1);
  if (drawn.empty())
    return {};
  rt::Proposal p = std::move(drawn.front());
  p.source = rt::source::kSourceTpe;
  std::string reason = p.details.contains("tpe")
                           ? p.rationale
                           : "TPE has no finished trial to learn from yet, so a draw from its "
                             "prior (the whole space)";
  p.rationale = why + reason + "; " + changeFromBest(seen, p.config) + ".";
  return p;
}

} // namespace hpoc::agent
