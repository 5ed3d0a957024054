#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"
#include "runtime/strategies/random_strategy.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

using namespace hpoc::rt;

TEST(RandomStrategy, SameSeedSameProposals) {
  StudySpec spec = testsupport::smallStudy();
  RandomStrategy a(spec, 7), b(spec, 7), c(spec, 8);
  auto pa = a.propose({}, 1, 5), pb = b.propose({}, 1, 5), pc = c.propose({}, 1, 5);
  ASSERT_EQ(pa.size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(pa[i].config, pb[i].config);
  EXPECT_NE(pa[0].config, pc[0].config);
}

TEST(RandomStrategy, ProposalsAreValidAndHonourConditions) {
  StudySpec spec = testsupport::smallStudy();
  RandomStrategy s(spec, 1);
  int sgd = 0;
  for (const Proposal& p : s.propose({}, 1, 200)) {
    std::string err;
    EXPECT_TRUE(validateConfig(spec, p.config, &err)) << err << " " << p.config.dump();
    bool isSgd = p.config["opt"] == "sgd";
    EXPECT_EQ(p.config.contains("momentum"), isSgd);
    sgd += isSgd;
    EXPECT_TRUE(p.config["batch"].is_number_integer());
  }
  EXPECT_GT(sgd, 50);
  EXPECT_LT(sgd, 150);
}

TEST(RandomStrategy, LogScaleCoversDecades) {
  StudySpec spec = testsupport::smallStudy();
  RandomStrategy s(spec, 3);
  int small = 0; // lr below 1e-3: two of the four decades
  auto props = s.propose({}, 1, 400);
  for (const Proposal& p : props)
    small += p.config["lr"].get<double>() < 1e-3;
  EXPECT_GT(small, 140);
  EXPECT_LT(small, 260);
}

TEST(RandomStrategy, NeverRepeatsAndStopsWhenExhausted) {
  StudySpec spec;
  spec.space.push_back(ParamSpec::categorical("a", {"x", "y", "z"}));
  spec.space.push_back(ParamSpec::boolean("b"));
  RandomStrategy s(spec, 0);
  std::vector<TrialRecord> history;
  for (const Proposal& p : s.propose({}, 1, 4)) {
    TrialRecord t;
    t.config = p.config;
    history.push_back(t);
  }
  auto rest = s.propose(history, 5, 10);
  EXPECT_EQ(rest.size(), 2u); // 6 configurations in all
  std::set<std::string> seen;
  for (const auto& t : history)
    seen.insert(t.config.dump());
  for (const auto& p : rest)
    EXPECT_TRUE(seen.insert(p.config.dump()).second);
}

TEST(RandomStrategy, DefaultConfigUsesDefaultsThenMiddles) {
  StudySpec spec = testsupport::smallStudy();
  spec.space[2].defaultValue = "sgd"; // opt
  Config c = defaultConfig(spec);
  EXPECT_DOUBLE_EQ(c["lr"].get<double>(), 0.001); // geometric middle of [1e-5, 1e-1]
  EXPECT_EQ(c["layers"], 3);                      // (1 + 4) / 2 rounded
  EXPECT_EQ(c["opt"], "sgd");
  EXPECT_NEAR(c["momentum"].get<double>(), 0.745, 1e-12); // active: opt == sgd
  EXPECT_EQ(c["batch"], 32);
  std::string err;
  EXPECT_TRUE(validateConfig(spec, c, &err)) << err;

  spec.space[2].defaultValue = "adam";
  EXPECT_FALSE(defaultConfig(spec).contains("momentum"));
}

TEST(RandomStrategy, DefaultFirstStartsAtTheDefaults) {
  StudySpec spec = testsupport::smallStudy();
  RandomStrategy plain(spec, 5), first(spec, 5, RandomOptions{"", true});
  auto a = plain.propose({}, 1, 3), b = first.propose({}, 1, 3);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].config, defaultConfig(spec));
  EXPECT_EQ(b[0].source, "default");
  EXPECT_NE(a[0].config, b[0].config);
  // Later trials are the same draws as plain random search.
  EXPECT_EQ(a[1].config, b[1].config);
  EXPECT_EQ(a[2].config, b[2].config);
  // On resume, trial 1 already exists and is not proposed again.
  TrialRecord t;
  t.number = 1;
  t.config = b[0].config;
  auto later = first.propose({t}, 2, 1);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].config, a[1].config);
}

TEST(RandomStrategy, NeighbourMovesOneParameterInsideTheSpace) {
  StudySpec spec = testsupport::smallStudy();
  Config from = defaultConfig(spec);
  std::mt19937_64 rng(11);
  std::set<std::string> moved;
  for (int i = 0; i < 200; ++i) {
    std::optional<Config> n = neighbourConfig(spec, from, {from}, rng);
    ASSERT_TRUE(n);
    std::string err;
    EXPECT_TRUE(validateConfig(spec, *n, &err)) << err << " " << n->dump();
    EXPECT_NE(*n, from);
    int changed = 0;
    for (auto it = n->begin(); it != n->end(); ++it)
      if (!from.contains(it.key()) || from[it.key()] != it.value()) {
        ++changed;
        moved.insert(it.key());
      }
    // One parameter moves; a condition may bring in (or drop) a dependent one.
    EXPECT_LE(changed, 2) << n->dump();
    if (n->contains("lr") && (*n)["lr"] != from["lr"]) {
      // The first step is 25% of the range in log space: a factor 10^(0.25*4) = 10.
      double ratio = std::fabs(std::log10((*n)["lr"].get<double>() / from["lr"].get<double>()));
      EXPECT_NEAR(ratio, 1.0, 1e-3);
    }
  }
  EXPECT_GE(moved.size(), 4u); // every parameter gets moved now and then
}

TEST(RandomStrategy, NeighbourSearchesTheCompassThenHalvesTheStep) {
  StudySpec spec;
  spec.space.push_back(ParamSpec::floatRange("x", -10, 10));
  spec.space.push_back(ParamSpec::floatRange("y", -10, 10));
  Config centre = {{"x", 0.0}, {"y", 0.0}};
  std::vector<Config> tried = {centre};
  std::mt19937_64 rng(3);
  std::set<std::string> first;
  for (int i = 0; i < 4; ++i) {
    std::optional<Config> n = neighbourConfig(spec, centre, tried, rng);
    ASSERT_TRUE(n);
    first.insert(n->dump());
    tried.push_back(*n);
  }
  // The four moves of 5 (25% of 20) from the centre, each once.
  EXPECT_EQ(first, (std::set<std::string>{R"({"x":-5.0,"y":0.0})", R"({"x":0.0,"y":-5.0})",
                                          R"({"x":0.0,"y":5.0})", R"({"x":5.0,"y":0.0})"}));
  // Then half the step.
  std::optional<Config> n = neighbourConfig(spec, centre, tried, rng);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(std::fabs((*n)["x"].get<double>()) + std::fabs((*n)["y"].get<double>()), 2.5);
  // Around a new centre the step is large again.
  Config better = {{"x", 5.0}, {"y", 0.0}};
  n = neighbourConfig(spec, better, tried, rng);
  ASSERT_TRUE(n);
  EXPECT_DOUBLE_EQ(std::fabs((*n)["x"].get<double>() - 5.0) + std::fabs((*n)["y"].get<double>()),
                   5.0);
}

TEST(RandomStrategy, NeighbourRepeatsTheMoveThatLedHere) {
  StudySpec spec;
  ParamSpec lr = ParamSpec::floatRange("lr", 1e-5, 1e-1);
  lr.log = true;
  spec.space.push_back(lr);
  spec.space.push_back(ParamSpec::floatRange("x", -10, 10));
  spec.space.push_back(ParamSpec::ordinal("batch", {16, 32, 64, 128}));
  Config a = {{"lr", 1e-5}, {"x", 0.0}, {"batch", 16}};
  Config b = {{"lr", 1e-4}, {"x", 0.0}, {"batch", 16}};
  std::mt19937_64 rng(5);
  // lr went up a decade: it goes up another, whatever the seed.
  std::optional<Config> n = neighbourConfig(spec, b, {a, b}, rng, &a);
  ASSERT_TRUE(n);
  EXPECT_NEAR((*n)["lr"].get<double>(), 1e-3, 1e-9);
  EXPECT_EQ((*n)["x"], 0.0);
  // The same for a linear float (stopped at its bound) and an ordinal.
  Config c = {{"lr", 1e-4}, {"x", 6.0}, {"batch", 16}};
  n = neighbourConfig(spec, c, {b, c}, rng, &b);
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)["x"], 10.0);
  Config d = {{"lr", 1e-4}, {"x", 0.0}, {"batch", 32}};
  n = neighbourConfig(spec, d, {b, d}, rng, &b);
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)["batch"], 64);
  // Tried already, or two parameters moved: an ordinary compass move instead.
  n = neighbourConfig(spec, b, {a, b, Config{{"lr", 1e-3}, {"x", 0.0}, {"batch", 16}}}, rng, &a);
  ASSERT_TRUE(n);
  EXPECT_NE((*n)["lr"], 1e-3);
  Config e = {{"lr", 1e-4}, {"x", 5.0}, {"batch", 16}};
  std::set<std::string> seen;
  for (int seed = 0; seed < 20; ++seed) {
    std::mt19937_64 r(seed);
    seen.insert(neighbourConfig(spec, e, {a, e}, r, &a)->dump());
  }
  EXPECT_GT(seen.size(), 1u);
}

TEST(RandomStrategy, NeighbourSkipsTriedAndGivesUpWhenNoneIsLeft) {
  StudySpec spec;
  spec.space.push_back(ParamSpec::ordinal("batch", {16, 32, 64}));
  std::mt19937_64 rng(1);
  Config from = {{"batch", 16}};
  std::optional<Config> n = neighbourConfig(spec, from, {from}, rng);
  ASSERT_TRUE(n);
  EXPECT_EQ((*n)["batch"], 32); // the adjacent value, not a jump
  EXPECT_FALSE(neighbourConfig(spec, from, {from, Config{{"batch", 32}}}, rng));
}
