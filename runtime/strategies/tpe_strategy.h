// Native multivariate TPE (tree-structured Parzen estimator), after the defaults
// of Optuna's TPESampler (version 5.0.0, the one bench/ compares against) so
// that its results can be checked against Optuna's:
// random start-up trials, then the finished trials split into a good group and
// the rest, a Parzen estimator fitted to each, and the best of 24 draws from the
// good group's estimator by l(x)/g(x). No Python at run time.
#pragma once

#include "runtime/strategies/parzen_estimator.h"
#include "runtime/strategies/random_strategy.h"
#include "runtime/strategies/strategy.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hpoc::rt {

struct TpeOptions {
  int startupTrials =
      10;              ///< trials 1..N are random draws, as `random` draws them (Optuna's default)
  int candidates = 24; ///< draws from l(x) scored per proposal (Optuna's n_ei_candidates)
  double priorWeight = 1.0;
  bool defaultFirst = false; ///< trial 1 is the study's default configuration
  /// Optuna 5's per-dimension neighbour rule; Scott is Optuna 4's multivariate
  /// rule, kept to compare the two on the benchmark.
  ParzenBandwidth bandwidth = ParzenBandwidth::Neighbours;
};

/// How many of `finished` trials form the good group: ceil(0.1 n), at most 25.
std::size_t tpeGoodGroupSize(std::size_t finished);

/// The weight of each of `n` observations in trial order: 1 each below 25; from
/// 25 on, the oldest n - 25 ramp up from 1/n and the newest 25 weigh 1.
std::vector<double> tpeObservationWeights(std::size_t n);

/// A parameter's dimension in the estimator's space: floats as they are or in
/// log space; ints as discrete values (in log space widened by half a step each
/// way); ordinals as discrete indices; categoricals and bools as choices.
ParzenDimension tpeDimension(const ParamSpec& p);

/// A config value in that space; nullopt when it is not a value of `p`.
std::optional<double> tpeInternalValue(const ParamSpec& p, const Value& v);

/// A point of that space as a config value (floats rounded to four
/// significant digits, like random search's).
Value tpeExternalValue(const ParamSpec& p, double x);

class TpeStrategy : public Strategy {
public:
  TpeStrategy(const StudySpec& spec, std::int64_t seed, TpeOptions options = {});
  std::string name() const override { return "tpe"; }

  /// Trials in flight, and the earlier proposals of the same batch, count as
  /// the worst (a constant liar), so a batch spreads out instead of proposing
  /// one point several times. Failed trials count as the worst too.
  std::vector<Proposal> propose(const std::vector<TrialRecord>& history, int firstNumber,
                                int count) override;

  /// TPE's best `k` distinct candidates for trial `number` that are not in
  /// `tried` (canonical configurations), best l(x)/g(x) first, each a proposal
  /// of source `tpe` whose details["tpe"]["log_ratio"] is its score. Empty when
  /// no finished trial exists yet (TPE has nothing to estimate from). The hybrid
  /// agent shows them to the LLM as options; propose() takes the first.
  std::vector<Proposal> topCandidates(const std::vector<TrialRecord>& history, int number,
                                      std::size_t k, const std::set<std::string>& tried) const;

private:
  std::optional<Proposal> proposeOne(const std::vector<TrialRecord>& history, int number,
                                     const std::set<std::string>& tried);

  const StudySpec& spec_;
  std::int64_t seed_;
  TpeOptions options_;
  RandomStrategy startup_;
};

} // namespace hpoc::rt
