#include "runtime/strategies/truncated_normal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpoc::rt {

namespace {

constexpr double kLogSqrt2Pi = 0.91893853320467274178; // log(sqrt(2 pi))

double normalCdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

/// Acklam's rational approximation (relative error 1.2e-9), the start of the
/// Halley step in normalQuantile.
double quantileEstimate(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  if (p < low) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    double q = std::sqrt(-2 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

} // namespace

double uniformUnit(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

double logNormalCdf(double x) {
  if (x > -30)
    return std::log(normalCdf(x));
  // Asymptotic series of the Mills ratio: CDF(x) = pdf(x) / -x * (1 - 1/x^2 + 3/x^4 - ...).
  double r = 1 / (x * x);
  return -0.5 * x * x - kLogSqrt2Pi - std::log(-x) + std::log1p(-r * (1 - 3 * r * (1 - 5 * r)));
}

double normalQuantile(double p) {
  if (p <= 0)
    return -std::numeric_limits<double>::infinity();
  if (p >= 1)
    return std::numeric_limits<double>::infinity();
  double x = quantileEstimate(p);
  // One Halley step brings the estimate to full double precision.
  double e = normalCdf(x) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

double logNormalMass(double a, double b) {
  if (a > 0) // the same mass mirrored into the lower tail, where the CDF is exact
    return logNormalMass(-b, -a);
  if (b <= 0) {
    double la = logNormalCdf(a), lb = logNormalCdf(b);
    return lb + std::log1p(-std::exp(la - lb));
  }
  return std::log1p(-normalCdf(a) - normalCdf(-b));
}

double sampleTruncatedNormal(std::mt19937_64& rng, double mu, double sigma, double lo, double hi) {
  double a = (lo - mu) / sigma, b = (hi - mu) / sigma;
  bool mirrored = a > 0; // sample in the lower tail, where the CDF keeps its precision
  if (mirrored)
    std::swap(a, b), a = -a, b = -b;
  double pa = normalCdf(a), pb = normalCdf(b);
  double u = uniformUnit(rng);
  double z = pb > pa ? normalQuantile(pa + u * (pb - pa)) : a + u * (b - a);
  z = std::clamp(std::isfinite(z) ? z : a, a, b);
  if (mirrored)
    z = -z;
  return std::clamp(mu + sigma * z, lo, hi);
}

double logTruncatedNormalPdf(double x, double mu, double sigma, double lo, double hi) {
  if (x < lo || x > hi)
    return -std::numeric_limits<double>::infinity();
  double z = (x - mu) / sigma;
  return -0.5 * z * z - kLogSqrt2Pi - std::log(sigma) -
         logNormalMass((lo - mu) / sigma, (hi - mu) / sigma);
}

} // namespace hpoc::rt
