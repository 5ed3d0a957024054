#include "runtime/report/price_table.h"

#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

TEST(PriceTable, ReproducesThePapersCosts) {
  PriceTable t = PriceTable::builtIn();
  // AgentHPO's appendix B: GPT-4 266.61K prompt + 14.70K completion = $3.1071.
  EXPECT_NEAR(*t.cost("gpt-4-turbo", 266610, 14700), 3.1071, 1e-3);
  // GPT-3.5: 109.23K + 6.14K = $0.1215.
  EXPECT_NEAR(*t.cost("gpt-3.5-turbo-1106", 109230, 6140), 0.1215, 1e-3);
}

TEST(PriceTable, PrefixesAndUnknownModels) {
  PriceTable t = PriceTable::builtIn();
  EXPECT_DOUBLE_EQ(t.find("gpt-4o-2024-08-06")->prompt, 2.5);
  EXPECT_DOUBLE_EQ(t.find("gpt-4o-mini-2024-07-18")->prompt, 0.15);
  EXPECT_FALSE(t.cost("qwen2.5-coder-0.5b-instruct-q4_k_m", 1000, 1000));
}

TEST(PriceTable, MergeOverridesAndRejectsNonsense) {
  PriceTable t = PriceTable::builtIn();
  std::string err;
  ASSERT_TRUE(t.merge(R"({"my-model": {"prompt": 1, "completion": 2}})", &err));
  EXPECT_DOUBLE_EQ(*t.cost("my-model", 1000000, 1000000), 3.0);
  EXPECT_FALSE(t.merge(R"({"m": {"prompt": "cheap"}})", &err));
  EXPECT_NE(err.find("'m'"), std::string::npos);
  EXPECT_FALSE(t.merge("[1]", &err));
}

} // namespace
} // namespace hpoc::report
