#include "runtime/support/command_line.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(CommandLine, QuotesForWhereTheValueLands) {
  std::map<std::string, std::string> v = {{"config", "/a b/c.json"}, {"seed", "7"}};
  std::string out, err;
  ASSERT_TRUE(expandCommand("run --config {config} --seed {seed}", v, &out, &err));
  EXPECT_EQ(out, "run --config '/a b/c.json' --seed 7");
  ASSERT_TRUE(expandCommand("run \"{config}\" '{config}'", v, &out, &err));
  EXPECT_EQ(out, "run \"/a b/c.json\" '/a b/c.json'");
  ASSERT_TRUE(expandCommand("awk '{{print}}' {seed}", v, &out, &err));
  EXPECT_EQ(out, "awk '{print}' 7");
}

TEST(CommandLine, UnknownPlaceholderIsAnError) {
  std::string out, err;
  EXPECT_FALSE(expandCommand("run {nope}", {}, &out, &err));
  EXPECT_NE(err.find("{nope}"), std::string::npos);
  EXPECT_FALSE(expandCommand("run {open", {}, &out, &err));
}

TEST(CommandLine, ShellQuote) {
  EXPECT_EQ(shellQuote("plain/path-1.txt"), "plain/path-1.txt");
  EXPECT_EQ(shellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(shellQuote(""), "''");
}
