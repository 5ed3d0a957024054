#include "runtime/strategies/parzen_estimator.h"

#include "runtime/strategies/truncated_normal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpoc::rt {

namespace {

/// Each observation's distance to its farther neighbour among the sorted
/// observations and the bounds `lo`, `hi`; the lowest and highest observations
/// use their inner neighbour only when there are two or more.
std::vector<double> neighbourBandwidths(const std::vector<double>& mus, double lo, double hi) {
  const std::size_t n = mus.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return mus[a] < mus[b]; });
  std::vector<double> sorted{lo};
  for (std::size_t i : order)
    sorted.push_back(mus[i]);
  sorted.push_back(hi);
  std::vector<double> out(n);
  for (std::size_t r = 1; r <= n; ++r) {
    double below = sorted[r] - sorted[r - 1], above = sorted[r + 1] - sorted[r];
    if (n >= 2 && r == 1)
      below = 0;
    if (n >= 2 && r == n)
      above = 0;
    out[order[r - 1]] = std::max(below, above);
  }
  return out;
}

} // namespace

ParzenEstimator::ParzenEstimator(std::vector<ParzenDimension> dims,
                                 const std::vector<std::vector<double>>& observations,
                                 const std::vector<double>& weights, double priorWeight,
                                 ParzenBandwidth bandwidth)
    : dims_(std::move(dims)) {
  const std::size_t n = observations.size();
  weights_.assign(weights.begin(), weights.begin() + static_cast<std::ptrdiff_t>(n));
  weights_.push_back(n == 0 ? 1.0 : priorWeight);
  double total = 0;
  for (double w : weights_)
    total += w;
  for (double& w : weights_) {
    w /= total;
    logWeights_.push_back(std::log(w));
  }
  const double d = static_cast<double>(dims_.size());
  mus_.resize(dims_.size());
  sigmas_.resize(dims_.size());
  probs_.resize(dims_.size());
  for (std::size_t j = 0; j < dims_.size(); ++j) {
    const ParzenDimension& dim = dims_[j];
    if (dim.kind == ParzenDimension::Kind::Categorical) {
      for (std::size_t k = 0; k <= n; ++k) {
        std::vector<double> p(static_cast<std::size_t>(dim.choices), priorWeight / double(n + 1));
        if (k < n)
          p[static_cast<std::size_t>(observations[k][j])] += 1;
        double sum = 0;
        for (double v : p)
          sum += v;
        for (double& v : p)
          v /= sum;
        probs_[j].push_back(std::move(p));
      }
      continue;
    }
    const double range = dim.range();
    for (std::size_t k = 0; k < n; ++k)
      mus_[j].push_back(observations[k][j]);
    if (bandwidth == ParzenBandwidth::Scott) {
      sigmas_[j].assign(n, 0.2 * std::pow(std::max<double>(double(n), 1), -1 / (d + 4)) * range);
    } else {
      const bool discrete = dim.kind == ParzenDimension::Kind::Discrete;
      sigmas_[j] = neighbourBandwidths(mus_[j], discrete ? dim.lo - 0.5 : dim.lo,
                                       discrete ? dim.hi + 0.5 : dim.hi);
    }
    const double lowest = range / std::min(100.0, double(n) + 2);
    for (double& s : sigmas_[j])
      s = std::clamp(s, lowest, range);
    mus_[j].push_back(0.5 * (dim.lo + dim.hi));
    sigmas_[j].push_back(range);
  }
}

std::vector<double> ParzenEstimator::sample(std::mt19937_64& rng) const {
  double u = uniformUnit(rng);
  std::size_t k = 0;
  for (double acc = weights_[0]; k + 1 < weights_.size() && u >= acc; acc += weights_[++k]) {
  }
  std::vector<double> x(dims_.size());
  for (std::size_t j = 0; j < dims_.size(); ++j) {
    const ParzenDimension& dim = dims_[j];
    switch (dim.kind) {
    case ParzenDimension::Kind::Continuous:
      x[j] = sampleTruncatedNormal(rng, mus_[j][k], sigmas_[j][k], dim.lo, dim.hi);
      break;
    case ParzenDimension::Kind::Discrete: {
      double y = sampleTruncatedNormal(rng, mus_[j][k], sigmas_[j][k], dim.lo - 0.5, dim.hi + 0.5);
      x[j] = std::clamp(std::round(y), dim.lo, dim.hi);
      break;
    }
    case ParzenDimension::Kind::Categorical: {
      const std::vector<double>& p = probs_[j][k];
      double v = uniformUnit(rng);
      std::size_t c = 0;
      for (double acc = p[0]; c + 1 < p.size() && v >= acc; acc += p[++c]) {
      }
      x[j] = double(c);
      break;
    }
    }
  }
  return x;
}

double ParzenEstimator::logKernel(std::size_t k, std::size_t j, double x) const {
  const ParzenDimension& dim = dims_[j];
  switch (dim.kind) {
  case ParzenDimension::Kind::Continuous:
    return logTruncatedNormalPdf(x, mus_[j][k], sigmas_[j][k], dim.lo, dim.hi);
  case ParzenDimension::Kind::Discrete: {
    const double mu = mus_[j][k], s = sigmas_[j][k];
    const double lo = dim.lo - 0.5, hi = dim.hi + 0.5;
    const double a = std::max(x - 0.5, lo), b = std::min(x + 0.5, hi);
    if (a >= b)
      return -std::numeric_limits<double>::infinity();
    return logNormalMass((a - mu) / s, (b - mu) / s) - logNormalMass((lo - mu) / s, (hi - mu) / s);
  }
  case ParzenDimension::Kind::Categorical: {
    auto c = static_cast<std::size_t>(x);
    return c < probs_[j][k].size() ? std::log(probs_[j][k][c])
                                   : -std::numeric_limits<double>::infinity();
  }
  }
  return 0;
}

double ParzenEstimator::logPdf(const std::vector<double>& x) const {
  std::vector<double> terms(logWeights_.size());
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < terms.size(); ++k) {
    double t = logWeights_[k];
    for (std::size_t j = 0; j < dims_.size(); ++j)
      t += logKernel(k, j, x[j]);
    terms[k] = t;
    top = std::max(top, t);
  }
  if (!std::isfinite(top))
    return top;
  double sum = 0;
  for (double t : terms)
    sum += std::exp(t - top);
  return top + std::log(sum);
}

} // namespace hpoc::rt
