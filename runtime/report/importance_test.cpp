#include "runtime/report/importance.h"

#include <cmath>
#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

TEST(Importance, SpearmanOfASwappedPairIsPointEight) {
  // Ranks 1..4 against 1,3,2,4: sum of products of deviations 4 over 5.
  EXPECT_NEAR(*spearmanRho({1, 2, 3, 4}, {1, 3, 2, 4}), 0.8, 1e-12);
  EXPECT_NEAR(*spearmanRho({10, 20, 30, 40}, {4, 3, 2, 1}), -1.0, 1e-12);
}

TEST(Importance, TiesShareTheirMeanRank) {
  // x ranks 1.5, 1.5, 3, 4: 4.5 / sqrt(4.5 * 5).
  EXPECT_NEAR(*spearmanRho({1, 1, 2, 3}, {1, 2, 3, 4}), 4.5 / std::sqrt(22.5), 1e-12);
}

TEST(Importance, TooFewOrConstantGivesNothing) {
  EXPECT_FALSE(spearmanRho({1, 2}, {1, 2}));
  EXPECT_FALSE(spearmanRho({1, 1, 1}, {1, 2, 3}));
  EXPECT_FALSE(spearmanRho({1, 2, 3}, {5, 5, 5}));
  EXPECT_FALSE(varianceShare({0, 0, 0}, {1, 2, 3}));
}

TEST(Importance, VarianceShareIsBetweenOverTotal) {
  // Groups {1,3} and {5,7}: total 20, between 2*4 + 2*4 = 16.
  EXPECT_NEAR(*varianceShare({0, 0, 1, 1}, {1, 3, 5, 7}), 0.8, 1e-12);
}

rt::StudySpec spec() {
  rt::StudySpec s;
  s.name = "demo";
  s.goal.metric = "loss";
  s.goal.maximize = false;
  s.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1).logScale());
  s.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd"}));
  return s;
}

ReportTrial trial(double lr, const char* opt, std::optional<double> loss,
                  const char* status = "ok") {
  ReportTrial t;
  t.config = {{"lr", lr}, {"opt", opt}};
  t.metric = loss;
  t.status = status;
  return t;
}

TEST(Importance, ReadsSuccessfulTrialsOnly) {
  rt::StudySpec s = spec();
  std::vector<ReportTrial> trials = {trial(0.001, "adam", 1), trial(0.01, "adam", 3),
                                     trial(0.1, "sgd", 5), trial(1.0, "sgd", 7),
                                     trial(0.5, "adam", std::nullopt, "failed")};
  std::vector<ParamImportance> imp = parameterImportance(s, trials);
  ASSERT_EQ(imp.size(), 2u);
  EXPECT_EQ(imp[0].name, "lr");
  EXPECT_EQ(imp[0].trials, 4);
  EXPECT_NEAR(*imp[0].spearman, 1.0, 1e-12);
  EXPECT_FALSE(imp[0].varianceShare);
  // opt: index 0,0,1,1 against 1,3,5,7.
  EXPECT_NEAR(*imp[1].varianceShare, 0.8, 1e-12);
  EXPECT_NEAR(*imp[1].spearman, 4.0 / std::sqrt(4.0 * 5.0), 1e-12);
  EXPECT_EQ(importanceReading(s, imp[0]), "larger values go with a worse loss");
  EXPECT_EQ(importanceReading(s, imp[1]), "later choices (declared order) go with a worse loss");
}

} // namespace
} // namespace hpoc::report
