// Seeded random search, the AgentHPO paper's baseline: uniform (or log-uniform)
// over each active parameter, conditions honoured, no configuration repeated.
#pragma once

#include "runtime/strategies/strategy.h"

#include <cstdint>
#include <optional>
#include <random>

namespace hpoc::rt {

/// `v` rounded to `digits` significant digits: proposed floats stay readable,
/// and a repeat of a configuration becomes detectable.
double roundSignificant(double v, int digits);

/// The configuration holding `values` (one per parameter of the space, in its
/// order) of the parameters whose condition holds, decided in dependency order
/// (a condition reads only parameters already decided); canonical.
Config activeConfig(const StudySpec& spec, const std::vector<Value>& values);

/// One random configuration of the space drawn from `rng`: floats are rounded to
/// four significant digits (readable, and repeats become detectable), log scales
/// sampled uniformly in log space, parameters whose condition fails left out.
Config sampleConfig(const StudySpec& spec, std::mt19937_64& rng);

/// The study's default configuration: each parameter's `default`, or else the
/// middle of its range (geometric middle on a log scale, rounded like a random
/// draw), its first choice, or false; parameters whose condition fails left out.
Config defaultConfig(const StudySpec& spec);

/// Step sizes a compass search halves through: 25% of a range, then 12.5%, ...
inline constexpr int kCompassLevels = 8;

/// The next move of a compass search around `from`: one active parameter moved
/// one step up or down (25% of its range, in log space on a log scale, at least
/// one step for an integer), to an adjacent value of an ordinal, to another
/// choice of a categorical, or flipped (bool); conditions are re-applied. Moves
/// already in `tried` are skipped; when every move of a step size has been
/// tried, the step halves (down to kCompassLevels sizes). Of the untried moves
/// of the largest step left, `rng` picks one; nullopt when none is left.
///
/// `previous`, when set, is where the search stood before `from`. When the two
/// differ in one numeric or ordinal parameter, the same move is repeated first
/// (a pattern move): a search on a plateau, whose moves all tie, keeps going
/// one way instead of circling its starting point.
std::optional<Config> neighbourConfig(const StudySpec& spec, const Config& from,
                                      const std::vector<Config>& tried, std::mt19937_64& rng,
                                      const Config* previous = nullptr);

struct RandomOptions {
  std::string note;          ///< added to each rationale (e.g. why random stands in for the agent)
  bool defaultFirst = false; ///< trial 1 is defaultConfig(), the rest random draws
};

class RandomStrategy : public Strategy {
public:
  RandomStrategy(const StudySpec& spec, std::int64_t seed, RandomOptions options = {});
  std::string name() const override { return "random"; }
  std::vector<Proposal> propose(const std::vector<TrialRecord>& history, int firstNumber,
                                int count) override;

private:
  const StudySpec& spec_;
  std::int64_t seed_;
  RandomOptions options_;
};

} // namespace hpoc::rt
