#include "runtime/runner/strategy_factory.h"

#include "runtime/agent/agent_strategy.h"
#include "runtime/agent/hybrid_strategy.h"
#include "runtime/strategies/external_strategy.h"
#include "runtime/strategies/random_strategy.h"
#include "runtime/strategies/tpe_strategy.h"

namespace hpoc::rt {

bool makeStrategy(const StudySpec& spec, const StrategySettings& settings,
                  const std::string& studyDir, StrategyChoice* out, std::string* err) {
  const std::string& name = settings.name;
  if (settings.defaultFirst && name != "random" && name != "tpe") {
    *err = "--default-first applies to the 'random' and 'tpe' strategies only, not '" + name + "'";
    return false;
  }
  if (!settings.proposer.empty() && name != "external") {
    *err = "--proposer needs --strategy external";
    return false;
  }
  if (settings.startupTrials && name != "tpe") {
    *err = "--startup-trials applies to the 'tpe' strategy only, not '" + name + "'";
    return false;
  }
  if (name == "tpe") {
    TpeOptions options;
    options.startupTrials = settings.startupTrials.value_or(spec.agent.startupTrials);
    options.defaultFirst = settings.defaultFirst;
    out->strategy = std::make_unique<TpeStrategy>(spec, spec.agent.seed, options);
    return true;
  }
  if (name == "random") {
    RandomOptions options;
    options.defaultFirst = settings.defaultFirst;
    out->strategy = std::make_unique<RandomStrategy>(spec, spec.agent.seed, options);
    return true;
  }
  if (name == "external") {
    if (settings.proposer.empty()) {
      *err = "the 'external' strategy needs --proposer COMMAND";
      return false;
    }
    out->strategy =
        std::make_unique<ExternalStrategy>(spec, spec.agent.seed, settings.proposer, studyDir);
    return true;
  }
  if (name == "agent" || name == "agent-classic") {
    std::unique_ptr<agent::AgentStrategy> agent;
    if (name == "agent")
      agent = std::make_unique<agent::HybridStrategy>(spec, studyDir);
    else
      agent = std::make_unique<agent::AgentStrategy>(spec, studyDir);
    if (settings.replay)
      agent->requireCachedAnswers();
    out->strategy = std::move(agent);
    return true;
  }
  *err = "unknown strategy '" + name + "' (known: agent, agent-classic, random, tpe, external)";
  return false;
}

} // namespace hpoc::rt
