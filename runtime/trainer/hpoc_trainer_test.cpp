#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"
#include "runtime/support/file_util.h"
#include "runtime/trainer/hpoc_trainer.h"

#include <gtest/gtest.h>

using namespace hpoc;

TEST(HpocTrainerConfig, AQuotedYamlKeyLosesItsQuotes) {
  rt::testsupport::TempDir dir;
  std::string err;
  ASSERT_TRUE(
      rt::writeFileAtomic(dir.file("config.yaml"), "\"on\": 2\n\"no\": \"x: y\"\nlr: 0.5\n", &err));
  trainer::Config c = trainer::Config::load(dir.file("config.yaml"));
  EXPECT_EQ(c.integer("on"), 2);
  EXPECT_EQ(c.string("no"), "x: y");
  EXPECT_DOUBLE_EQ(c.number("lr"), 0.5);
  EXPECT_FALSE(c.has("\"on\""));
}

TEST(HpocTrainerConfig, ReadsTheYamlTheRunnerWritesForAWordYamlMisreads) {
  rt::StudySpec spec;
  spec.space.push_back(rt::ParamSpec::intRange("on", 1, 4));
  spec.space.push_back(rt::ParamSpec::categorical("Off", {"a", "b"}));
  rt::testsupport::TempDir dir;
  std::string err;
  ASSERT_TRUE(rt::writeFileAtomic(
      dir.file("config.yaml"),
      rt::configFileText(spec, {{"on", 3}, {"Off", "b"}}, rt::ConfigFormat::Yaml), &err));
  trainer::Config c = trainer::Config::load(dir.file("config.yaml"));
  EXPECT_EQ(c.integer("on"), 3);
  EXPECT_EQ(c.string("Off"), "b");
}

TEST(HpocTrainerConfig, JsonWithoutAColonAfterAKeyEnds) {
  // The reader searched for the colon from the start again and never ended.
  trainer::Config c = trainer::Config::parse("{\"a\": 1, \"b\"");
  EXPECT_EQ(c.integer("a"), 1);
  EXPECT_FALSE(c.has("b"));
}
