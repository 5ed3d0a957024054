#include "runtime/slurm/attempt_verdict.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpoc::rt::slurm {
namespace {

using ::testing::HasSubstr;

AttemptFacts completed() {
  AttemptFacts f;
  f.srunExit = 0;
  f.resultValid = true;
  f.resultMissing = false;
  f.job = {true, "COMPLETED", "None", "n1", "0:0"};
  return f;
}

TEST(AttemptVerdict, PublishesWhenAllThreeWitnessesAgree) {
  EXPECT_EQ(judgeAttempt(completed()).verdict, Verdict::Publish);
}

TEST(AttemptVerdict, SrunsZeroAfterNodeFailIsACLusterFailure) {
  AttemptFacts f = completed();
  f.job.state = "NODE_FAIL";
  AttemptVerdict v = judgeAttempt(f);
  EXPECT_EQ(v.verdict, Verdict::ClusterFailure);
  EXPECT_THAT(v.reason, HasSubstr("NODE_FAIL"));
  EXPECT_THAT(v.reason, HasSubstr("on n1"));
}

TEST(AttemptVerdict, CancellationsAndPreemptionsAreTheClustersNotTheTrials) {
  for (const char* state : {"CANCELLED", "PREEMPTED", "BOOT_FAIL", "DEADLINE"}) {
    AttemptFacts f = completed();
    f.resultValid = false;
    f.resultMissing = true;
    f.srunExit = 1;
    f.job.state = state;
    EXPECT_EQ(judgeAttempt(f).verdict, Verdict::ClusterFailure) << state;
  }
}

TEST(AttemptVerdict, TheTrialsOwnLimitsAreRecordedNotRetried) {
  AttemptFacts f = completed();
  f.resultMissing = true;
  f.resultValid = false;
  f.job.state = "TIMEOUT";
  EXPECT_EQ(judgeAttempt(f).verdict, Verdict::TrialTimeout);
  f.job.state = "OUT_OF_MEMORY";
  EXPECT_EQ(judgeAttempt(f).verdict, Verdict::TrialOutOfMemory);
}

TEST(AttemptVerdict, ARejectedResultIsNeverPublished) {
  AttemptFacts f = completed();
  f.resultValid = false;
  f.resultProblem = "metrics.jsonl no longer matches its hash";
  AttemptVerdict v = judgeAttempt(f);
  EXPECT_EQ(v.verdict, Verdict::ClusterFailure);
  EXPECT_THAT(v.reason, HasSubstr("metrics.jsonl"));
}

TEST(AttemptVerdict, NoResultMeansTheTrialNeverRanToItsEnd) {
  AttemptFacts f = completed();
  f.resultValid = false;
  f.resultMissing = true;
  f.srunExit = 1;
  f.job = {};
  f.jobQueryError = "Unable to contact slurm controller";
  f.srunTail = "srun: error: Unable to allocate resources";
  AttemptVerdict v = judgeAttempt(f);
  EXPECT_EQ(v.verdict, Verdict::ClusterFailure);
  EXPECT_THAT(v.reason, HasSubstr("Unable to contact"));
  EXPECT_THAT(v.reason, HasSubstr("Unable to allocate"));
}

TEST(AttemptVerdict, AValidResultWithoutSrunsWordIsNotPublished) {
  AttemptFacts f = completed();
  f.srunExit = 1;
  EXPECT_EQ(judgeAttempt(f).verdict, Verdict::ClusterFailure);
}

TEST(AttemptVerdict, AForgottenJobStillPublishesOnSrunAndTheSeal) {
  AttemptFacts f = completed();
  f.job = {};
  f.jobQueryError = "Invalid job id specified";
  AttemptVerdict v = judgeAttempt(f);
  EXPECT_EQ(v.verdict, Verdict::Publish);
  EXPECT_THAT(v.reason, HasSubstr("Invalid job id"));
}

TEST(AttemptVerdict, AnInterruptWinsOverEverything) {
  AttemptFacts f = completed();
  f.interrupted = true;
  EXPECT_EQ(judgeAttempt(f).verdict, Verdict::Interrupted);
}

} // namespace
} // namespace hpoc::rt::slurm
