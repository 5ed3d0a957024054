#include "runtime/strategies/truncated_normal.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(TruncatedNormal, UniformUnitUsesTheTop53BitsOfTheStandardEngine) {
  std::mt19937_64 rng; // default seed 5489: the standard fixes its 10000th output and its first
  EXPECT_DOUBLE_EQ(uniformUnit(rng), double(14514284786278117030ull >> 11) * 0x1.0p-53);
}

TEST(TruncatedNormal, QuantileInvertsTheCdf) {
  for (double p : {1e-300, 1e-20, 1e-6, 0.01, 0.02425, 0.3, 0.5, 0.7, 0.975, 1 - 1e-9}) {
    double x = normalQuantile(p);
    EXPECT_NEAR(std::exp(logNormalCdf(x)) / p, 1.0, 1e-9) << p;
  }
  EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_EQ(normalQuantile(0.5), 0.0);
}

TEST(TruncatedNormal, LogCdfIsContinuousWhereItsTailSeriesTakesOver) {
  // erfc above -30, the tail series below; the two agree across the switch
  EXPECT_NEAR(logNormalCdf(-30.0), -454.3212439563431, 1e-9);
  EXPECT_NEAR(logNormalCdf(-29.999999), logNormalCdf(-30.000001), 1e-4);
  EXPECT_NEAR(logNormalCdf(-40), -804.6084420137538, 1e-6);
}

TEST(TruncatedNormal, MassKeepsItsPrecisionInATail) {
  // Mass of [8, 9] is CDF(-8) - CDF(-9); CDF(8) - CDF(9) computed directly would be 0.
  EXPECT_NEAR(logNormalMass(8, 9), std::log(6.22096057427178e-16 - 1.1285884059538408e-19), 1e-9);
  EXPECT_NEAR(logNormalMass(-1, 1), std::log(0.6826894921370859), 1e-12);
  EXPECT_NEAR(logNormalMass(40, 41), logNormalMass(-41, -40), 1e-12);
  EXPECT_TRUE(std::isfinite(logNormalMass(40, 41)));
}

TEST(TruncatedNormal, DensityIntegratesToOneOverItsBounds) {
  double sum = 0, h = 1e-4;
  for (double x = h / 2; x < 1; x += h)
    sum += std::exp(logTruncatedNormalPdf(x, 0.9, 0.3, 0, 1)) * h;
  EXPECT_NEAR(sum, 1.0, 1e-6);
  EXPECT_EQ(logTruncatedNormalPdf(1.5, 0.9, 0.3, 0, 1), -INFINITY);
}

TEST(TruncatedNormal, DrawsStayInsideTheBoundsWithTheRightMean) {
  std::mt19937_64 rng(42);
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    double x = sampleTruncatedNormal(rng, 0.9, 0.3, 0, 1);
    ASSERT_GE(x, 0);
    ASSERT_LE(x, 1);
    sum += x;
  }
  // Mean of N(0.9, 0.3) truncated to [0, 1]: mu + sigma (pdf(a) - pdf(b)) / mass = 0.7327...
  double a = -3, b = 1.0 / 3;
  auto pdf = [](double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI); };
  double mean = 0.9 + 0.3 * (pdf(a) - pdf(b)) / std::exp(logNormalMass(a, b));
  EXPECT_NEAR(sum / n, mean, 0.005);
  // Far from the mean, the draws still land inside [lo, hi].
  for (int i = 0; i < 100; ++i) {
    double x = sampleTruncatedNormal(rng, 0, 0.01, 0.5, 0.6);
    EXPECT_GE(x, 0.5);
    EXPECT_LE(x, 0.6);
  }
}
