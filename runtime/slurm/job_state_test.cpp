#include "runtime/slurm/job_state.h"

#include <gtest/gtest.h>

namespace hpoc::rt::slurm {
namespace {

TEST(JobState, ReadsScontrolsOneLineForm) {
  JobState s = parseScontrolJob(
      "JobId=7 JobName=hpoc-ab UserId=root(0) JobState=NODE_FAIL Reason=NodeDown Dependency=(null) "
      "Requeue=1 Restarts=0 BatchFlag=0 ExitCode=0:0 RunTime=00:00:03 NodeList=n1 BatchHost=n1\n");
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.state, "NODE_FAIL");
  EXPECT_EQ(s.reason, "NodeDown");
  EXPECT_EQ(s.nodes, "n1");
  EXPECT_EQ(s.exitCode, "0:0");
  // ReqNodeList= must not be read as NodeList=.
  EXPECT_EQ(parseScontrolJob("JobState=PENDING ReqNodeList=n2 ExcNodeList=(null)").nodes, "");
}

TEST(JobState, AForgottenJobIsUnknown) {
  EXPECT_FALSE(parseScontrolJob("slurm_load_jobs error: Invalid job id specified\n").known);
  EXPECT_FALSE(parseSacct("").known);
}

TEST(JobState, ReadsSacctWithWhoCancelled) {
  JobState s = parseSacct("CANCELLED by 0|0:15|n2\n");
  EXPECT_TRUE(s.known);
  EXPECT_EQ(s.state, "CANCELLED");
  EXPECT_EQ(s.reason, "by 0");
  EXPECT_EQ(s.exitCode, "0:15");
  EXPECT_EQ(s.nodes, "n2");
}

TEST(JobState, FinalStates) {
  EXPECT_TRUE(isFinalState("COMPLETED"));
  EXPECT_TRUE(isFinalState("NODE_FAIL"));
  EXPECT_FALSE(isFinalState("RUNNING"));
  EXPECT_FALSE(isFinalState("COMPLETING"));
  EXPECT_FALSE(isFinalState(""));
}

TEST(JobState, RunCapturedReportsStatusAndOutput) {
  std::string out;
  EXPECT_EQ(runCaptured({"/bin/sh", "-c", "echo hi; exit 3"}, &out), 3);
  EXPECT_EQ(out, "hi\n");
  EXPECT_EQ(runCaptured({"/no/such/program"}, &out), 127);
}

} // namespace
} // namespace hpoc::rt::slurm
