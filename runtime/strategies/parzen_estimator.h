// A multivariate Parzen estimator as Optuna's TPESampler builds it: one kernel per
// observed trial plus a prior kernel, each a product over the dimensions of a
// truncated normal (numbers), a discretised truncated normal (integers and
// ordinal indices) or a smoothed categorical distribution. TPE fits one to the
// good trials, l(x), and one to the rest, g(x).
#pragma once

#include <cstddef>
#include <random>
#include <vector>

namespace hpoc::rt {

/// One dimension in the estimator's own space (log already taken on log ranges).
struct ParzenDimension {
  enum class Kind { Continuous, Discrete, Categorical };
  Kind kind = Kind::Continuous;
  double lo = 0, hi = 0; ///< Continuous: the bounds; Discrete: lowest and highest value, step 1
  int choices = 0;       ///< Categorical: how many; values are indices 0..choices-1

  static ParzenDimension continuous(double lo, double hi) { return {Kind::Continuous, lo, hi, 0}; }
  static ParzenDimension discrete(double lo, double hi) { return {Kind::Discrete, lo, hi, 0}; }
  static ParzenDimension categorical(int n) { return {Kind::Categorical, 0, 0, n}; }

  /// The width the bandwidths scale with: hi - lo, plus one step when discrete.
  double range() const { return kind == Kind::Discrete ? hi - lo + 1 : hi - lo; }
};

/// How numeric kernels get their bandwidth, before the clip to
/// [range / min(100, n + 2), range].
enum class ParzenBandwidth {
  /// Optuna 5's rule: each observation's distance to its farther neighbour
  /// among the sorted observations and the bounds; the lowest and the highest
  /// observation take the distance to their inner neighbour only (when n >= 2).
  Neighbours,
  /// Optuna 4's multivariate rule (Scott-like): 0.2 * n^(-1/(d+4)) * range for all.
  Scott,
};

class ParzenEstimator {
public:
  /// `observations` holds one row per trial with a value per dimension;
  /// `weights` one non-negative weight per row. The prior kernel (the middle of
  /// each range with the whole range as its bandwidth; uniform over choices)
  /// gets `priorWeight`. Numeric bandwidths follow `bandwidth`, clipped to
  /// [range / min(100, n + 2), range]. A categorical kernel puts weight
  /// priorWeight / (n + 1) on every choice and 1 more on its observed one, then
  /// is normalised.
  ParzenEstimator(std::vector<ParzenDimension> dims,
                  const std::vector<std::vector<double>>& observations,
                  const std::vector<double>& weights, double priorWeight = 1.0,
                  ParzenBandwidth bandwidth = ParzenBandwidth::Neighbours);

  /// One draw: a kernel picked by weight, then each dimension from it.
  std::vector<double> sample(std::mt19937_64& rng) const;

  /// log of the mixture's density (a probability for discrete and categorical
  /// dimensions) at `x`.
  double logPdf(const std::vector<double>& x) const;

  std::size_t kernels() const { return logWeights_.size(); }
  /// A numeric dimension's centre and bandwidth in kernel `k` (the prior last).
  double mu(std::size_t k, std::size_t dim) const { return mus_[dim][k]; }
  double sigma(std::size_t k, std::size_t dim) const { return sigmas_[dim][k]; }

private:
  double logKernel(std::size_t k, std::size_t dim, double x) const;

  std::vector<ParzenDimension> dims_;
  std::vector<double> weights_, logWeights_;            ///< per kernel, normalised
  std::vector<std::vector<double>> mus_, sigmas_;       ///< [dim][kernel], numeric dimensions
  std::vector<std::vector<std::vector<double>>> probs_; ///< [dim][kernel][choice], categorical
};

} // namespace hpoc::rt
