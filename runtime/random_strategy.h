// Seeded random search, the AgentHPO paper's baseline: uniform (or log-uniform)
// over each active parameter, conditions honoured, no configuration repeated.
#pragma once

#include "runtime/strategy.h"

#include <cstdint>
#include <random>

namespace hpoc::rt {

/// One random configuration of the space drawn from `rng`: floats are rounded to
/// four significant digits (readable, and repeats become detectable), log scales
/// sampled uniformly in log space, parameters whose condition fails left out.
Config sampleConfig(const StudySpec& spec, std::mt19937_64& rng);

class RandomStrategy : public Strategy {
public:
  /// `note` is added to each rationale (e.g. why random stands in for the agent).
  RandomStrategy(const StudySpec& spec, std::int64_t seed, std::string note = "");
  std::string name() const override { return "random"; }
  std::vector<Proposal> propose(const std::vector<TrialRecord>& history, int firstNumber,
                                int count) override;

private:
  const StudySpec& spec_;
  std::int64_t seed_;
  std::string note_;
};

} // namespace hpoc::rt
