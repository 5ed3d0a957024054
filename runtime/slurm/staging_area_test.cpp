#include "runtime/slurm/staging_area.h"
#include "runtime/spec/test_support.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpoc::rt::slurm {
namespace {

using ::testing::HasSubstr;
using testsupport::TempDir;

struct StagedTrial {
  TempDir tmp;
  std::string trial = tmp.file("study/trials/0123456789abcdef");
  std::string staging = stagingFolder(trial, "host.1", 1);

  StagedTrial() {
    std::string err;
    EXPECT_TRUE(makeDirs(trial, &err));
    nlohmann::json plan = {{"id", "0123456789abcdef00"},
                           {"command", "train --config " + trial + "/config.json"},
                           {"env", {{"HPOC_TRIAL_DIR", trial}}},
                           {"workdir", trial},
                           {"config_file", "config.json"}};
    EXPECT_TRUE(writeFileAtomic(joinPath(trial, "trial.json"), plan.dump(2), &err));
    EXPECT_TRUE(writeFileAtomic(joinPath(trial, "config.json"), "{\"lr\": 0.1}\n", &err));
    EXPECT_TRUE(stageTrial(trial, staging, &err)) << err;
  }

  /// What the trial runner leaves after a trial that ran to its end.
  void finish() {
    std::string err;
    EXPECT_TRUE(writeFileAtomic(joinPath(staging, "metrics.jsonl"), "{\"acc\": 0.9}\n", &err));
    EXPECT_TRUE(writeFileAtomic(joinPath(staging, "stdout.log"), "done\n", &err));
    nlohmann::json result = {{"id", "0123456789abcdef00"}, {"status", "ok"}, {"metric", 0.9}};
    EXPECT_TRUE(sealResult(staging, &result, &err));
    EXPECT_TRUE(writeFileAtomic(joinPath(staging, "result.json"), result.dump(2), &err));
  }
};

TEST(StagingArea, LivesTwoLevelsBelowTheStudyAsATrialDoes) {
  StagedTrial t;
  EXPECT_EQ(t.staging, t.tmp.file("study/slurm-staging/0123456789abcdef.host.1.1"));
}

TEST(StagingArea, ThePlanPointsIntoTheStagingFolder) {
  StagedTrial t;
  std::string text, err;
  ASSERT_TRUE(readFile(joinPath(t.staging, "trial.json"), &text, &err));
  nlohmann::json plan = nlohmann::json::parse(text);
  EXPECT_EQ(plan["workdir"], t.staging);
  EXPECT_EQ(plan["env"]["HPOC_TRIAL_DIR"], t.staging);
  EXPECT_EQ(plan["command"], "train --config " + t.staging + "/config.json");
  EXPECT_TRUE(pathExists(joinPath(t.staging, "config.json")));
}

TEST(StagingArea, PublishesTheWholeSealedResultAndKeepsTheTrialsPlan) {
  StagedTrial t;
  t.finish();
  std::string err, planBefore, planAfter;
  ASSERT_TRUE(readFile(joinPath(t.trial, "trial.json"), &planBefore, &err));
  ASSERT_TRUE(publishStaged(t.staging, t.trial, &err)) << err;
  ASSERT_TRUE(readFile(joinPath(t.trial, "trial.json"), &planAfter, &err));
  EXPECT_EQ(planBefore, planAfter);
  nlohmann::json result;
  std::string why;
  bool missing = true;
  EXPECT_TRUE(checkSealedResult(t.trial, "0123456789abcdef00", &result, &why, &missing)) << why;
  EXPECT_TRUE(pathExists(joinPath(t.trial, "metrics.jsonl")));
}

TEST(StagingArea, ATruncatedMetricsFileIsNotPublished) {
  StagedTrial t;
  t.finish();
  std::string err;
  ASSERT_TRUE(writeFileAtomic(joinPath(t.staging, "metrics.jsonl"), "{\"acc\": 0.", &err));
  nlohmann::json result;
  std::string why;
  bool missing = true;
  EXPECT_FALSE(checkSealedResult(t.staging, "0123456789abcdef00", &result, &why, &missing));
  EXPECT_THAT(why, HasSubstr("metrics.jsonl no longer matches its hash"));
  EXPECT_FALSE(publishStaged(t.staging, t.trial, &err));
  EXPECT_THAT(err, HasSubstr("does not hold"));
  EXPECT_FALSE(pathExists(joinPath(t.trial, "result.json")));
}

TEST(StagingArea, AResultWithAWrongSealIsRejected) {
  StagedTrial t;
  t.finish();
  std::string text, err;
  ASSERT_TRUE(readFile(joinPath(t.staging, "result.json"), &text, &err));
  nlohmann::json r = nlohmann::json::parse(text);
  r["metric"] = 0.99;
  ASSERT_TRUE(writeFileAtomic(joinPath(t.staging, "result.json"), r.dump(), &err));
  nlohmann::json result;
  std::string why;
  bool missing = true;
  EXPECT_FALSE(checkSealedResult(t.staging, "0123456789abcdef00", &result, &why, &missing));
  EXPECT_THAT(why, HasSubstr("modified after it was written"));
}

TEST(StagingArea, AStoppedTrialGetsASealedResultOfItsOwn) {
  StagedTrial t;
  std::string err;
  ASSERT_TRUE(
      writeStoppedResult(t.staging, "timeout", "reached the Slurm time limit of 1 min", 61, &err));
  ASSERT_TRUE(publishStaged(t.staging, t.trial, &err)) << err;
  nlohmann::json result;
  std::string why;
  bool missing = true;
  ASSERT_TRUE(checkSealedResult(t.trial, "0123456789abcdef00", &result, &why, &missing)) << why;
  EXPECT_EQ(result["status"], "timeout");
}

} // namespace
} // namespace hpoc::rt::slurm
