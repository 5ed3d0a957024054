#include "runtime/strategies/parzen_estimator.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace hpoc::rt;

// Expected values below were computed by hand from the definitions (a mixture of
// truncated normals with equal weights), not by this code.

TEST(ParzenEstimator, OneDimensionTwoObservations) {
  ParzenEstimator e({ParzenDimension::continuous(0, 1)}, {{0.2}, {0.8}}, {1, 1});
  ASSERT_EQ(e.kernels(), 3u); // two observations and the prior
  // Neighbour rule: with two observations each takes the gap between them, 0.6.
  EXPECT_DOUBLE_EQ(e.sigma(0, 0), 0.6);
  EXPECT_DOUBLE_EQ(e.sigma(1, 0), 0.6);
  EXPECT_DOUBLE_EQ(e.mu(2, 0), 0.5); // the prior: the middle, the whole range wide
  EXPECT_DOUBLE_EQ(e.sigma(2, 0), 1.0);
  // log((tn(0.3; 0.2, 0.6) + tn(0.3; 0.8, 0.6) + tn(0.3; 0.5, 1)) / 3) on [0, 1]
  EXPECT_NEAR(e.logPdf({0.3}), 0.035412131503143415, 1e-12);
}

TEST(ParzenEstimator, NeighbourBandwidthsUseTheFartherGapAndTheClip) {
  // Sorted with the bounds: 0 | 0.1 0.2 0.9 | 1. The lowest and highest take their
  // inner gap (0.1, 0.7), the middle one its farther gap (0.7); the floor is
  // 1 / min(100, 3 + 2) = 0.2. The order of the observations does not matter.
  ParzenEstimator e({ParzenDimension::continuous(0, 1)}, {{0.9}, {0.1}, {0.2}}, {1, 1, 1});
  EXPECT_DOUBLE_EQ(e.sigma(0, 0), 0.7);
  EXPECT_DOUBLE_EQ(e.sigma(1, 0), 0.2);
  EXPECT_DOUBLE_EQ(e.sigma(2, 0), 0.7);
  // One observation: its farther bound, 0.8.
  ParzenEstimator one({ParzenDimension::continuous(0, 1)}, {{0.2}}, {1});
  EXPECT_DOUBLE_EQ(one.sigma(0, 0), 0.8);
}

TEST(ParzenEstimator, ScottRuleOneDimensionTwoObservations) {
  ParzenEstimator e({ParzenDimension::continuous(0, 1)}, {{0.2}, {0.8}}, {1, 1}, 1.0,
                    ParzenBandwidth::Scott);
  // 0.2 * 2^(-1/5) = 0.174 is below the floor 1 / min(100, 2 + 2) = 0.25.
  EXPECT_DOUBLE_EQ(e.sigma(0, 0), 0.25);
  EXPECT_DOUBLE_EQ(e.sigma(1, 0), 0.25);
  EXPECT_DOUBLE_EQ(e.mu(2, 0), 0.5); // the prior: the middle, the whole range wide
  EXPECT_DOUBLE_EQ(e.sigma(2, 0), 1.0);
  // log((tn(0.3; 0.2, 0.25) + tn(0.3; 0.8, 0.25) + tn(0.3; 0.5, 1)) / 3) on [0, 1]
  EXPECT_NEAR(e.logPdf({0.3}), 0.053898857442726683, 1e-12);
  EXPECT_NEAR(e.logPdf({0.95}), -0.12153459422121064, 1e-12);
}

TEST(ParzenEstimator, ScottBandwidthFollowsTheMultivariateRuleInsideItsClip) {
  std::vector<std::vector<double>> ten;
  for (int i = 0; i < 10; ++i)
    ten.push_back({0.1 * i});
  ParzenEstimator e({ParzenDimension::continuous(0, 1)}, ten, std::vector<double>(10, 1.0), 1.0,
                    ParzenBandwidth::Scott);
  EXPECT_NEAR(e.sigma(0, 0), 0.2 * std::pow(10.0, -1.0 / 5), 1e-15); // 0.126 > 1/12
  // Two dimensions: the exponent is -1/(2 + 4), the range scales it.
  ParzenEstimator two({ParzenDimension::continuous(0, 1), ParzenDimension::continuous(0, 10)},
                      {{0.1, 1}, {0.2, 2}, {0.3, 3}, {0.4, 4}, {0.5, 5}, {0.6, 6}},
                      std::vector<double>(6, 1.0), 1.0, ParzenBandwidth::Scott);
  EXPECT_NEAR(two.sigma(0, 1), 10 * 0.2 * std::pow(6.0, -1.0 / 6), 1e-12);
}

TEST(ParzenEstimator, CategoricalKernelsAreSmoothedByThePrior) {
  ParzenEstimator e({ParzenDimension::categorical(3)}, {{0}, {0}}, {1, 1});
  // Each observed kernel: (1/3 + [chosen]) / 2 -> (2/3, 1/6, 1/6); the prior 1/3 each;
  // the mixture: 5/9, 2/9, 2/9.
  EXPECT_NEAR(std::exp(e.logPdf({0})), 5.0 / 9, 1e-15);
  EXPECT_NEAR(std::exp(e.logPdf({1})), 2.0 / 9, 1e-15);
  EXPECT_NEAR(std::exp(e.logPdf({2})), 2.0 / 9, 1e-15);
}

TEST(ParzenEstimator, WithoutObservationsItIsThePrior) {
  ParzenEstimator c({ParzenDimension::categorical(4)}, {}, {});
  EXPECT_NEAR(std::exp(c.logPdf({3})), 0.25, 1e-15);
  ParzenEstimator n({ParzenDimension::continuous(-1, 1)}, {}, {});
  ASSERT_EQ(n.kernels(), 1u);
  EXPECT_DOUBLE_EQ(n.sigma(0, 0), 2.0);
}

TEST(ParzenEstimator, DiscreteDimensionGivesProbabilitiesOfWholeValues) {
  ParzenEstimator e({ParzenDimension::discrete(1, 5)}, {{2}}, {1});
  // Bounds 0.5 and 5.5: the farther is 3.5 away; cells [x - 0.5, x + 0.5]
  EXPECT_DOUBLE_EQ(e.sigma(0, 0), 3.5);
  EXPECT_NEAR(e.logPdf({3}), -1.5533450465912182, 1e-12);
  EXPECT_NEAR(e.logPdf({1}), -1.5917545877367336, 1e-12);
  double total = 0;
  for (int v = 1; v <= 5; ++v)
    total += std::exp(e.logPdf({double(v)}));
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(ParzenEstimator, WeightsScaleTheKernels) {
  // The second observation weighs nothing: only the first and the prior remain.
  ParzenEstimator weighted({ParzenDimension::categorical(2)}, {{0}, {1}}, {1, 0});
  // kernel 1: (1/3 + 1, 1/3) / (5/3) = (0.8, 0.2); prior (0.5, 0.5); weights 1/2 each
  EXPECT_NEAR(std::exp(weighted.logPdf({0})), 0.65, 1e-15);
}

TEST(ParzenEstimator, SamplesStayInsideEveryDimension) {
  ParzenEstimator e({ParzenDimension::continuous(-2, 3), ParzenDimension::discrete(0, 4),
                     ParzenDimension::categorical(3)},
                    {{2.9, 4, 2}, {-1.9, 0, 0}}, {1, 1});
  std::mt19937_64 rng(3);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i) {
    std::vector<double> x = e.sample(rng);
    ASSERT_EQ(x.size(), 3u);
    EXPECT_GE(x[0], -2);
    EXPECT_LE(x[0], 3);
    EXPECT_EQ(x[1], std::round(x[1]));
    EXPECT_GE(x[1], 0);
    EXPECT_LE(x[1], 4);
    ++counts[static_cast<int>(x[2])];
    EXPECT_TRUE(std::isfinite(e.logPdf(x)));
  }
  // Choice 1 was never observed: only the smoothing and the prior draw it (2/9 of the time).
  EXPECT_NEAR(counts[1] / 3000.0, 2.0 / 9, 0.03);
}
