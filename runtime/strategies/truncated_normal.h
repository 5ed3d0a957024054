// The normal distribution's pieces a Parzen estimator needs, written out so that
// a seed gives the same draws with every standard library: uniform and
// truncated-normal draws from std::mt19937_64, log densities, log masses.
#pragma once

#include <random>

namespace hpoc::rt {

/// A uniform draw in [0, 1) from the top 53 bits of one engine output
/// (std::uniform_real_distribution's algorithm is left to the library).
double uniformUnit(std::mt19937_64& rng);

/// log of the standard normal CDF, accurate far into the lower tail.
double logNormalCdf(double x);

/// The standard normal quantile: the x with CDF(x) == p, for 0 < p < 1.
double normalQuantile(double p);

/// log of the standard normal mass between a and b (a < b), without the
/// cancellation of CDF(b) - CDF(a) when both lie in one tail.
double logNormalMass(double a, double b);

/// A draw of N(mu, sigma) truncated to [lo, hi], by inverting the CDF.
double sampleTruncatedNormal(std::mt19937_64& rng, double mu, double sigma, double lo, double hi);

/// log density at x of N(mu, sigma) truncated to [lo, hi].
double logTruncatedNormalPdf(double x, double mu, double sigma, double lo, double hi);

} // namespace hpoc::rt
