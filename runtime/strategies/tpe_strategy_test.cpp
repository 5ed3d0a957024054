#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"
#include "runtime/strategies/tpe_strategy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <set>
#include <string>

using namespace hpoc::rt;

namespace {

TrialRecord finished(int number, Config config, std::optional<double> metric,
                     std::string status = "ok") {
  TrialRecord t;
  t.number = number;
  t.config = std::move(config);
  t.status = std::move(status);
  t.metric = metric;
  return t;
}

using Objective = std::function<double(const Config&)>;

/// Runs `budget` trials of `strategy` on `f` one at a time; the best value found.
double bestAfter(Strategy& strategy, const Objective& f, int budget, bool maximize = false) {
  std::vector<TrialRecord> history;
  double best = maximize ? -INFINITY : INFINITY;
  for (int k = 1; k <= budget; ++k) {
    std::vector<Proposal> p = strategy.propose(history, k, 1);
    if (p.empty())
      break;
    double y = f(p[0].config);
    best = maximize ? std::max(best, y) : std::min(best, y);
    history.push_back(finished(k, p[0].config, y));
  }
  return best;
}

/// "mean M (standard error S, median D)" of `values`.
std::string describe(std::vector<double> values) {
  double n = double(values.size()), mean = 0, squares = 0;
  for (double v : values)
    mean += v / n;
  for (double v : values)
    squares += (v - mean) * (v - mean);
  std::sort(values.begin(), values.end());
  std::size_t h = values.size() / 2;
  double median = values.size() % 2 ? values[h] : (values[h - 1] + values[h]) / 2;
  return "mean " + std::to_string(mean) + " (standard error " +
         std::to_string(std::sqrt(squares / (n - 1) / n)) + ", median " + std::to_string(median) +
         ")";
}

StudySpec quadraticStudy() {
  StudySpec s;
  s.goal.metric = "loss";
  s.goal.maximize = false;
  s.space.push_back(ParamSpec::floatRange("x", -5, 5));
  s.space.push_back(ParamSpec::floatRange("y", -5, 5));
  return s;
}

double quadratic(const Config& c) {
  double x = c["x"].get<double>(), y = c["y"].get<double>();
  return (x - 1.5) * (x - 1.5) + (y + 2) * (y + 2);
}

} // namespace

TEST(TpeStrategy, GoodGroupAndWeightsFollowOptunasDefaults) {
  EXPECT_EQ(tpeGoodGroupSize(0), 0u);
  EXPECT_EQ(tpeGoodGroupSize(1), 1u);
  EXPECT_EQ(tpeGoodGroupSize(10), 1u);
  EXPECT_EQ(tpeGoodGroupSize(11), 2u);
  EXPECT_EQ(tpeGoodGroupSize(250), 25u);
  EXPECT_EQ(tpeGoodGroupSize(1000), 25u);
  EXPECT_EQ(tpeObservationWeights(24), std::vector<double>(24, 1.0));
  std::vector<double> w = tpeObservationWeights(28); // 3 ramped: 1/28, (1/28 + 1) / 2, 1
  ASSERT_EQ(w.size(), 28u);
  EXPECT_DOUBLE_EQ(w[0], 1.0 / 28);
  EXPECT_DOUBLE_EQ(w[1], (1.0 / 28 + 1) / 2);
  EXPECT_DOUBLE_EQ(w[2], 1.0);
  EXPECT_DOUBLE_EQ(w[27], 1.0);
}

TEST(TpeStrategy, LogRangeIsEstimatedInLogSpace) {
  ParamSpec lr = ParamSpec::floatRange("lr", 1e-4, 1e-1).logScale();
  ParzenDimension d = tpeDimension(lr);
  EXPECT_DOUBLE_EQ(d.lo, std::log(1e-4));
  EXPECT_DOUBLE_EQ(d.hi, std::log(1e-1));
  ParzenEstimator e({d}, {{*tpeInternalValue(lr, 1e-2)}}, {1});
  // One observation: its bandwidth is the distance to the farther bound in log
  // space, ln 100; the density is the mixture's in log space:
  // log((tn(ln 1e-3; ln 1e-2, ln 100) + tn(ln 1e-3; mid, ln 1000)) / 2).
  EXPECT_NEAR(e.sigma(0, 0), std::log(100.0), 1e-12);
  EXPECT_NEAR(e.logPdf({*tpeInternalValue(lr, 1e-3)}), -1.9233774826258989, 1e-12);
  EXPECT_DOUBLE_EQ(tpeExternalValue(lr, std::log(0.0123456)).get<double>(), 0.01235);
}

TEST(TpeStrategy, IntegersAndOrdinalsAreDiscreteWithHalfStepBounds) {
  ParamSpec n = ParamSpec::intRange("n", 1, 5);
  ParzenDimension d = tpeDimension(n);
  EXPECT_EQ(d.kind, ParzenDimension::Kind::Discrete);
  EXPECT_DOUBLE_EQ(d.range(), 5); // [0.5, 5.5]
  ParzenEstimator e({d}, {{*tpeInternalValue(n, 2)}}, {1});
  EXPECT_NEAR(e.logPdf({*tpeInternalValue(n, 3)}), -1.5533450465912182, 1e-12);
  EXPECT_EQ(tpeExternalValue(n, 3.0), 3);

  ParamSpec units = ParamSpec::intRange("units", 8, 512).logScale();
  ParzenDimension u = tpeDimension(units);
  EXPECT_DOUBLE_EQ(u.lo, std::log(7.5));
  EXPECT_DOUBLE_EQ(u.hi, std::log(512.5));
  EXPECT_EQ(tpeExternalValue(units, std::log(512.4)), 512);
  EXPECT_EQ(tpeExternalValue(units, std::log(7.6)), 8);

  ParamSpec batch = ParamSpec::ordinal("batch", {16, 32, 64});
  EXPECT_EQ(tpeDimension(batch).kind, ParzenDimension::Kind::Discrete);
  EXPECT_EQ(*tpeInternalValue(batch, 64), 2);
  EXPECT_EQ(tpeExternalValue(batch, 1), 32);
  EXPECT_FALSE(tpeInternalValue(batch, 48));
  EXPECT_EQ(tpeDimension(ParamSpec::boolean("b")).choices, 2);
}

TEST(TpeStrategy, StartsWithTheSameDrawsAsRandomSearch) {
  StudySpec spec = testsupport::smallStudy();
  TpeStrategy tpe(spec, 4, TpeOptions{3});
  RandomStrategy random(spec, 4);
  std::vector<Proposal> a = tpe.propose({}, 1, 3), b = random.propose({}, 1, 3);
  ASSERT_EQ(a.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a[i].config, b[i].config);
    EXPECT_EQ(a[i].source, "random");
    EXPECT_NE(a[i].rationale.find("TPE's start-up: 3 random trials"), std::string::npos);
  }
  std::vector<TrialRecord> history;
  for (int i = 0; i < 3; ++i)
    history.push_back(finished(i + 1, a[i].config, 0.1 * i));
  std::vector<Proposal> next = tpe.propose(history, 4, 1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].source, "tpe");
  EXPECT_NE(next[0].rationale.find("good group: the best 1 of 3 finished trials, acc >= 0.2"),
            std::string::npos)
      << next[0].rationale;
}

TEST(TpeStrategy, DefaultFirstStartsAtTheDefaults) {
  StudySpec spec = testsupport::smallStudy();
  TpeOptions options;
  options.defaultFirst = true;
  TpeStrategy first(spec, 4, options);
  std::vector<Proposal> a = first.propose({}, 1, 2), b = RandomStrategy(spec, 4).propose({}, 1, 2);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].config, defaultConfig(spec));
  EXPECT_EQ(a[0].source, "default");
  EXPECT_EQ(a[1].config, b[1].config); // then random search's draws
}

TEST(TpeStrategy, SameSeedAndHistoryGiveTheSameProposal) {
  StudySpec spec = testsupport::smallStudy();
  std::vector<TrialRecord> history;
  for (const Proposal& p : RandomStrategy(spec, 9).propose({}, 1, 15))
    history.push_back(
        finished(int(history.size()) + 1, p.config, std::sin(double(history.size()))));
  TpeStrategy a(spec, 1), b(spec, 1), c(spec, 2);
  std::vector<Proposal> pa = a.propose(history, 16, 3), pb = b.propose(history, 16, 3),
                        pc = c.propose(history, 16, 3);
  ASSERT_EQ(pa.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(pa[i].config, pb[i].config);
    EXPECT_EQ(pa[i].rationale, pb[i].rationale);
    std::string err;
    EXPECT_TRUE(validateConfig(spec, pa[i].config, &err)) << err;
  }
  EXPECT_NE(pa[0].config, pc[0].config);
}

TEST(TpeStrategy, BeatsRandomSearchOnAQuadraticOverFiftySeeds) {
  // Budget 30: 10 random start-up trials, then 20 from TPE. Measured with these
  // seeds: mean best 0.160 for TPE, 1.14 for random search; TPE better on 44 of 50
  // (Optuna 4's Scott-like bandwidths: 0.131, better on 45).
  StudySpec spec = quadraticStudy();
  double tpeSum = 0, scottSum = 0, randomSum = 0;
  std::vector<double> tpeBests;
  int tpeWins = 0;
  for (int seed = 0; seed < 50; ++seed) {
    TpeStrategy tpe(spec, seed);
    TpeOptions scottOptions;
    scottOptions.bandwidth = ParzenBandwidth::Scott;
    TpeStrategy scott(spec, seed, scottOptions);
    RandomStrategy random(spec, seed);
    double t = bestAfter(tpe, quadratic, 30), r = bestAfter(random, quadratic, 30);
    tpeSum += t;
    tpeBests.push_back(t);
    scottSum += bestAfter(scott, quadratic, 30);
    randomSum += r;
    tpeWins += t < r;
  }
  std::cout << "quadratic, 30 trials, 50 seeds: best TPE " << describe(tpeBests)
            << "; Scott-like mean " << scottSum / 50 << "; random mean " << randomSum / 50
            << "; TPE better on " << tpeWins << " seeds\n";
  EXPECT_LT(scottSum, 0.5 * randomSum);
  EXPECT_LT(tpeSum, 0.5 * randomSum);
  EXPECT_GE(tpeWins, 35);
}

TEST(TpeStrategy, BeatsRandomSearchInAMixedSpaceOverFiftySeeds) {
  // A log range, an integer, a categorical and a parameter that exists only for
  // one of its choices. Budget 30, seeds 0-49. Measured: mean best 0.179 for TPE,
  // 0.393 for random search.
  StudySpec spec = testsupport::smallStudy();
  spec.space.pop_back(); // batch: an ordinal, which Optuna has no kind for
  spec.goal.maximize = false;
  auto loss = [](const Config& c) {
    double lr = std::log10(c["lr"].get<double>()) + 3, layers = c["layers"].get<double>() - 3;
    double opt = c["opt"] == "sgd" ? 10 * std::pow(c["momentum"].get<double>() - 0.9, 2) : 0.5;
    return lr * lr + 0.3 * layers * layers + opt;
  };
  double tpeSum = 0, randomSum = 0;
  std::vector<double> tpeBests;
  for (int seed = 0; seed < 50; ++seed) {
    TpeStrategy tpe(spec, seed);
    RandomStrategy random(spec, seed);
    tpeBests.push_back(bestAfter(tpe, loss, 30));
    tpeSum += tpeBests.back();
    randomSum += bestAfter(random, loss, 30);
  }
  std::cout << "mixed space, 30 trials, 50 seeds: best TPE " << describe(tpeBests)
            << ", random mean " << randomSum / 50 << "\n";
  EXPECT_LT(tpeSum, 0.7 * randomSum);
}

TEST(TpeStrategy, ConditionalParametersAreFittedWhereActive) {
  // Good trials are all sgd with momentum near 0.95; adam trials and low momenta are bad.
  StudySpec spec = testsupport::smallStudy();
  spec.goal.maximize = true;
  std::vector<TrialRecord> history;
  std::mt19937_64 rng(5);
  for (int k = 1; k <= 40; ++k) {
    Config c = sampleConfig(spec, rng);
    double acc = c["opt"] == "sgd" ? 1 - std::fabs(c["momentum"].get<double>() - 0.95) : 0.2;
    history.push_back(finished(k, c, acc));
  }
  TpeStrategy tpe(spec, 0);
  int sgd = 0;
  double momentum = 0;
  for (int k = 41; k <= 80; ++k) { // a different trial number reseeds the draws
    std::vector<Proposal> p = tpe.propose(history, k, 1);
    ASSERT_EQ(p.size(), 1u);
    std::string err;
    ASSERT_TRUE(validateConfig(spec, p[0].config, &err)) << err << " " << p[0].config.dump();
    if (p[0].config["opt"] == "sgd") {
      ++sgd;
      momentum += p[0].config["momentum"].get<double>();
    }
  }
  EXPECT_GE(sgd, 30);
  EXPECT_GT(momentum / sgd, 0.85);
}

TEST(TpeStrategy, FailedTrialsCountAsTheWorst) {
  // One trial succeeded, at x = 2; ten failed near x = 9. The good group is the one
  // success, and proposals stay away from the failures.
  StudySpec spec;
  spec.goal.metric = "loss";
  spec.goal.maximize = false;
  spec.space.push_back(ParamSpec::floatRange("x", 0, 10));
  std::vector<TrialRecord> history;
  history.push_back(finished(1, {{"x", 2.0}}, 5.0));
  for (int k = 2; k <= 11; ++k)
    history.push_back(
        finished(k, {{"x", 8.5 + 0.1 * k}}, std::nullopt, k % 2 ? "failed" : "timeout"));
  TpeStrategy tpe(spec, 0);
  double sum = 0;
  for (int k = 12; k < 32; ++k) {
    std::vector<Proposal> p = tpe.propose(history, k, 1);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].details["tpe"]["good"], 1);
    EXPECT_EQ(p[0].details["tpe"]["failed"], 10);
    EXPECT_NE(p[0].rationale.find("10 failed trials counted as the worst"), std::string::npos)
        << p[0].rationale;
    sum += p[0].config["x"].get<double>();
  }
  EXPECT_LT(sum / 20, 5.0);
}

TEST(TpeStrategy, BatchCountsEarlierProposalsAsInFlight) {
  StudySpec spec = quadraticStudy();
  std::vector<TrialRecord> history;
  for (const Proposal& p : RandomStrategy(spec, 2).propose({}, 1, 12))
    history.push_back(finished(int(history.size()) + 1, p.config, quadratic(p.config)));
  history.back().status = ""; // trial 12 is still running
  history.back().metric.reset();
  TpeStrategy tpe(spec, 2);
  std::vector<Proposal> batch = tpe.propose(history, 13, 4);
  ASSERT_EQ(batch.size(), 4u);
  std::set<std::string> distinct;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(batch[i].details["tpe"]["in_flight"], 1 + i);
    EXPECT_EQ(batch[i].details["tpe"]["finished"], 11);
    distinct.insert(batch[i].config.dump());
  }
  EXPECT_EQ(distinct.size(), 4u);
  // The same batch again: the proposals depend only on the seed and the history.
  std::vector<Proposal> again = TpeStrategy(spec, 2).propose(history, 13, 4);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(again[i].config, batch[i].config);
}

TEST(TpeStrategy, NeverRepeatsAndStopsWhenExhausted) {
  StudySpec spec;
  spec.goal.metric = "acc";
  spec.space.push_back(ParamSpec::categorical("a", {"x", "y", "z"}));
  spec.space.push_back(ParamSpec::boolean("b"));
  TpeStrategy tpe(spec, 0, TpeOptions{2});
  std::vector<TrialRecord> history;
  std::set<std::string> seen;
  for (int k = 1; k <= 6; ++k) {
    std::vector<Proposal> p = tpe.propose(history, k, 1);
    ASSERT_EQ(p.size(), 1u) << k;
    EXPECT_TRUE(seen.insert(p[0].config.dump()).second) << p[0].config.dump();
    history.push_back(finished(k, p[0].config, double(k % 3)));
  }
  EXPECT_TRUE(tpe.propose(history, 7, 1).empty());
}

TEST(TpeStrategy, ProposalTimeWithAHundredTrials) {
  // Printed, not asserted: a measure for docs/strategies.md (the aim is under 10 ms).
  StudySpec spec = testsupport::smallStudy();
  std::vector<TrialRecord> history;
  for (const Proposal& p : RandomStrategy(spec, 1).propose({}, 1, 100))
    history.push_back(
        finished(int(history.size()) + 1, p.config, std::cos(double(history.size()))));
  TpeStrategy tpe(spec, 0);
  auto start = std::chrono::steady_clock::now();
  const int rounds = 20;
  for (int k = 0; k < rounds; ++k)
    ASSERT_EQ(tpe.propose(history, 101 + k, 1).size(), 1u);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "TPE proposal with 100 trials of history (5 parameters, one conditional): "
            << ms / rounds << " ms\n";
}

TEST(TpeStrategy, TopCandidatesAreDistinctUntriedAndBestFirst) {
  StudySpec spec = quadraticStudy();
  std::vector<TrialRecord> history;
  for (const Proposal& p : RandomStrategy(spec, 4).propose({}, 1, 12))
    history.push_back(finished(int(history.size()) + 1, p.config, quadratic(p.config)));
  std::set<std::string> tried;
  for (const TrialRecord& t : history)
    tried.insert(canonicalJson(canonicalConfig(spec, t.config)));
  TpeStrategy tpe(spec, 3);
  std::vector<Proposal> top = tpe.topCandidates(history, 13, 3, tried);
  ASSERT_EQ(top.size(), 3u);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < top.size(); ++i) {
    EXPECT_EQ(top[i].source, "tpe");
    std::string key = canonicalJson(canonicalConfig(spec, top[i].config));
    EXPECT_FALSE(tried.count(key)) << "candidate " << i << " was tried";
    EXPECT_TRUE(seen.insert(key).second) << "candidate " << i << " repeats an earlier one";
    if (i > 0) {
      EXPECT_GE(top[i - 1].details["tpe"]["log_ratio"].get<double>(),
                top[i].details["tpe"]["log_ratio"].get<double>());
    }
  }
  // The proposal is the best candidate; with it tried, the next one moves up.
  std::vector<Proposal> proposed = tpe.propose(history, 13, 1);
  ASSERT_EQ(proposed.size(), 1u);
  EXPECT_EQ(proposed[0].config, top[0].config);
  tried.insert(canonicalJson(canonicalConfig(spec, top[0].config)));
  std::vector<Proposal> next = tpe.topCandidates(history, 13, 1, tried);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].config, top[1].config);
  // Nothing finished: nothing to estimate from.
  EXPECT_TRUE(tpe.topCandidates({}, 1, 3, {}).empty());
}
