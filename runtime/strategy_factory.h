// Picks the strategy a run uses, by name. The agent strategy (runtime/agent)
// registers here when it is built; until then `agent` is served by `random`
// with a notice, so a study runs either way.
#pragma once

#include "runtime/strategy.h"

#include <memory>
#include <string>

namespace hpoc::rt {

struct StrategyChoice {
  std::unique_ptr<Strategy> strategy;
  std::string notice; ///< printed once (a fallback, say); empty when none
};

/// `name` is "random" or "agent". False with `err` for an unknown name.
bool makeStrategy(const StudySpec& spec, const std::string& name, const std::string& studyDir,
                  StrategyChoice* out, std::string* err);

} // namespace hpoc::rt
