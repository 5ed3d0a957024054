#include "runtime/spec/study_shape.h"
#include "runtime/spec/test_support.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(StudyShape, DescriptionsAndBudgetDoNotChangeIt) {
  StudySpec a = testsupport::smallStudy(), b = a;
  b.space[0].description = "new";
  b.goal.trials = 50;
  b.space[1].defaultValue = 2;
  EXPECT_EQ(studyShape(a), studyShape(b));
  EXPECT_EQ(describeShapeChange(studyShape(a), studyShape(b)), "");
}

TEST(StudyShape, ChangesAreNamed) {
  StudySpec a = testsupport::smallStudy(), b = a;
  b.space[1].hi = 8;
  b.space.push_back(ParamSpec::boolean("new_flag"));
  b.space.erase(b.space.begin() + 4);
  b.goal.maximize = false;
  std::string d = describeShapeChange(studyShape(a), studyShape(b));
  EXPECT_NE(d.find("goal: maximize acc -> minimize acc"), std::string::npos) << d;
  EXPECT_NE(d.find("parameter 'layers' changed"), std::string::npos) << d;
  EXPECT_NE(d.find("parameter 'batch' removed"), std::string::npos) << d;
  EXPECT_NE(d.find("parameter 'new_flag' added"), std::string::npos) << d;
}
