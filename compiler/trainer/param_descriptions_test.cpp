#include "compiler/trainer/param_descriptions.h"
#include "compiler/trainer/trainer_test_util.h"

#include <gtest/gtest.h>

namespace hpoc::trainer {
namespace {

using namespace testing;

TEST(ParamDescriptions, DocCommentsFillOnlyMissingDescriptions) {
  auto p = parseStudy("float lr [1e-3, 0.1] \"Own words.\"\n int depth [2, 10]\n bool shuffle");
  HparamsStruct hp;
  hp.fields = {numberField("lr", FieldKind::Floating, 0.01, "Step size."),
               numberField("depth", FieldKind::Integer, 6, "Maximum depth of a tree.")};
  dsl::Study& s = p->file.studies.at(0);
  EXPECT_EQ(fillMissingDescriptions(s, hp), 1u);
  EXPECT_EQ(s.params[0].description.value, "Own words.");
  EXPECT_EQ(s.params[1].description.value, "Maximum depth of a tree.");
  EXPECT_TRUE(s.params[1].description.given());
  EXPECT_FALSE(s.params[2].description.given());
}

} // namespace
} // namespace hpoc::trainer
