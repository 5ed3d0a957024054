#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(ConfigCanon, ValidationNamesTheProblem) {
  StudySpec spec = testsupport::smallStudy();
  std::string err;
  Config ok = {{"lr", 0.01}, {"layers", 2}, {"opt", "adam"}, {"batch", 32}};
  EXPECT_TRUE(validateConfig(spec, ok, &err)) << err;
  Config c = ok;
  c["lr"] = 0.5;
  EXPECT_FALSE(validateConfig(spec, c, &err));
  EXPECT_NE(err.find("'lr'"), std::string::npos);
  c = ok;
  c["momentum"] = 0.9;
  EXPECT_FALSE(validateConfig(spec, c, &err));
  EXPECT_NE(err.find("condition"), std::string::npos) << err;
  c = ok;
  c["opt"] = "sgd";
  EXPECT_FALSE(validateConfig(spec, c, &err)); // momentum missing
  c = ok;
  c["layers"] = 2.5;
  EXPECT_FALSE(validateConfig(spec, c, &err));
  c = ok;
  c["extra"] = 1;
  EXPECT_FALSE(validateConfig(spec, c, &err));
}

TEST(ConfigCanon, AChoiceGivenAsShownIsTheDeclaredOne) {
  StudySpec spec;
  spec.space.push_back(
      ParamSpec::ordinal("alpha", {0.000278255940220712, 0.001, 0.0464158883361278}));
  spec.space.push_back(ParamSpec::categorical("width", {8, 16}));
  std::string err;
  Config printed = {{"alpha", 0.0002783}, {"width", 16}};
  EXPECT_TRUE(validateConfig(spec, printed, &err)) << err;
  EXPECT_EQ(canonicalConfig(spec, printed)["alpha"].get<double>(), 0.000278255940220712);
  EXPECT_EQ(canonicalJson(canonicalConfig(spec, printed)),
            canonicalJson(canonicalConfig(spec, {{"alpha", 0.000278255940220712}, {"width", 16}})));
  EXPECT_EQ(canonicalConfig(spec, {{"alpha", 0.04642}, {"width", 8.0}})["alpha"].get<double>(),
            0.0464158883361278);
  // A value that rounds to no choice at 4 digits is still refused, by name.
  EXPECT_FALSE(validateConfig(spec, {{"alpha", 0.000278}, {"width", 16}}, &err));
  EXPECT_NE(err.find("not one of the declared choices"), std::string::npos) << err;
  EXPECT_EQ(declaredChoice(spec.space[0], "0.0002783"), nullptr);
}

TEST(ConfigCanon, TwoChoicesThatPrintAlikeAreNotGuessedBetween) {
  ParamSpec p = ParamSpec::ordinal("x", {1.00001, 1.00002, 2.0});
  EXPECT_EQ(declaredChoice(p, 1.0), nullptr);
  ASSERT_NE(declaredChoice(p, 1.00002), nullptr);
  EXPECT_EQ(declaredChoice(p, 1.00002)->get<double>(), 1.00002);
  ASSERT_NE(declaredChoice(p, 2), nullptr);
  EXPECT_EQ(declaredChoice(p, 2)->get<double>(), 2.0);
}

TEST(ConfigCanon, CanonicalFormIsTyped) {
  StudySpec spec = testsupport::smallStudy();
  Config a = {{"lr", 0.01}, {"layers", 2.0}, {"opt", "adam"}, {"batch", 32.0}};
  Config b = {{"batch", 32}, {"opt", "adam"}, {"layers", 2}, {"lr", 0.01}};
  EXPECT_EQ(canonicalJson(canonicalConfig(spec, a)), canonicalJson(canonicalConfig(spec, b)));
  EXPECT_EQ(canonicalJson(canonicalConfig(spec, a)),
            R"({"batch":32,"layers":2,"lr":0.01,"opt":"adam"})");
}

TEST(ConfigCanon, YamlQuotesKeysAYaml11ReaderWouldMisread) {
  StudySpec spec;
  spec.space.push_back(ParamSpec::intRange("on", 1, 4));
  spec.space.push_back(ParamSpec::intRange("No", 1, 4));
  spec.space.push_back(ParamSpec::intRange("none", 1, 4));
  Config c = {{"on", 2}, {"No", 3}, {"none", 4}};
  EXPECT_EQ(configFileText(spec, c, ConfigFormat::Yaml), "\"on\": 2\n\"No\": 3\nnone: 4\n");
}

TEST(ConfigCanon, ConfigFilesKeepTypes) {
  StudySpec spec = testsupport::smallStudy();
  Config c = {{"lr", 1.0e-2}, {"layers", 2}, {"opt", "sgd"}, {"momentum", 1.0}, {"batch", 64}};
  EXPECT_EQ(configFileText(spec, c, ConfigFormat::Yaml),
            "lr: 0.01\nlayers: 2\nopt: \"sgd\"\nmomentum: 1.0\nbatch: 64\n");
  EXPECT_EQ(configFileText(spec, c, ConfigFormat::Json),
            "{\n  \"lr\": 0.01,\n  \"layers\": 2,\n  \"opt\": \"sgd\",\n  \"momentum\": 1.0,\n  "
            "\"batch\": 64\n}\n");
}
