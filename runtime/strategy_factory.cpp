#include "runtime/strategy_factory.h"

#include "runtime/random_strategy.h"

#if HPOC_HAVE_AGENT_STRATEGY
#include "runtime/agent/agent_strategy.h"
#endif

namespace hpoc::rt {

bool makeStrategy(const StudySpec& spec, const std::string& name, const std::string& studyDir,
                  StrategyChoice* out, std::string* err) {
  if (name == "random") {
    out->strategy = std::make_unique<RandomStrategy>(spec, spec.agent.seed);
    return true;
  }
  if (name == "agent") {
#if HPOC_HAVE_AGENT_STRATEGY
    out->strategy = std::make_unique<agent::AgentStrategy>(spec, studyDir);
    return true;
#endif
    (void)studyDir;
    out->notice = "the 'agent' strategy is not part of this runner yet: trials are proposed by "
                  "'random' (seed " + std::to_string(spec.agent.seed) +
                  ") and recorded as such";
    out->strategy = std::make_unique<RandomStrategy>(spec, spec.agent.seed,
                                                     "standing in for the agent strategy");
    return true;
  }
  *err = "unknown strategy '" + name + "' (known: agent, random)";
  return false;
}

} // namespace hpoc::rt
