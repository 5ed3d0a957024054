#include "runtime/trials/trial_outcome.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {
TrainerExit exited(int code) {
  TrainerExit e;
  e.started = true;
  e.exitCode = code;
  return e;
}
MetricsReading metrics(const std::string& text) {
  return readJsonLines(text);
}
OutcomeRules rules() {
  return OutcomeRules{"acc", std::nullopt};
}
} // namespace

TEST(TrialOutcome, Ok) {
  TrialOutcome o = classifyTrial(exited(0), metrics("{\"final\":true,\"acc\":0.9}\n"), rules());
  EXPECT_EQ(o.status, "ok");
  EXPECT_DOUBLE_EQ(*o.metric, 0.9);
}

TEST(TrialOutcome, FailureNeverReadsMetrics) {
  TrialOutcome o = classifyTrial(exited(1), metrics("{\"final\":true,\"acc\":0.9}\n"), rules());
  EXPECT_EQ(o.status, "failed");
  EXPECT_FALSE(o.metric);
  EXPECT_EQ(o.reason, "exit code 1");
  EXPECT_EQ(classifyTrial(exited(137), {}, rules()).reason, "killed by signal 9 (Killed)");
}

TEST(TrialOutcome, ProtocolExitCodes) {
  EXPECT_EQ(classifyTrial(exited(2), {}, rules()).status, "invalid-config");
  EXPECT_EQ(classifyTrial(exited(3), {}, rules()).status, "diverged");
}

TEST(TrialOutcome, TimeoutSignalNoMetricNan) {
  TrainerExit t = exited(-1);
  t.timedOut = true;
  t.seconds = 2.04;
  EXPECT_EQ(classifyTrial(t, {}, rules()).status, "timeout");
  TrainerExit s = exited(-1);
  s.signal = 11;
  EXPECT_EQ(classifyTrial(s, {}, rules()).status, "failed");
  EXPECT_EQ(classifyTrial(exited(0), metrics("{\"loss\":1}\n"), rules()).status, "no-metric");
  EXPECT_EQ(classifyTrial(exited(0), metrics("{\"acc\":\"nan\"}\n"), rules()).status, "nan");
}

TEST(TrialOutcome, NoMetricSaysWhatTheTrainerReportedAndGuessesTheName) {
  TrialOutcome o =
      classifyTrial(exited(0), metrics("{\"epoch\":1,\"train_loss\":0.5,\"Val/Acc\":0.8}\n"),
                    OutcomeRules{"val_acc", std::nullopt});
  EXPECT_EQ(o.status, "no-metric");
  EXPECT_NE(o.reason.find("it reported Val/Acc, train_loss;"), std::string::npos) << o.reason;
  EXPECT_NE(o.reason.find("did you mean 'Val/Acc'?"), std::string::npos) << o.reason;
  o = classifyTrial(exited(0), metrics("{\"loss\":0.5,\"val_accuracy\":0.8,\"accuracy\":0.9}\n"),
                    rules());
  EXPECT_NE(o.reason.find("did you mean 'accuracy'?"), std::string::npos) << o.reason;
  o = classifyTrial(exited(0), metrics("{\"loss\":0.5}\n"), rules());
  EXPECT_EQ(o.reason.find("did you mean"), std::string::npos) << o.reason;
  EXPECT_EQ(
      classifyTrial(exited(0), metrics("{\"epoch\":1}\n"), rules()).reason.find("it reported"),
      std::string::npos);
}

TEST(TrialOutcome, MemoryLimit) {
  TrainerExit e = exited(0);
  e.peakRssBytes = 3LL << 30;
  TrialOutcome o =
      classifyTrial(e, metrics("{\"acc\":0.9}\n"), OutcomeRules{"acc", double(2LL << 30)});
  EXPECT_EQ(o.status, "failed");
  EXPECT_NE(o.reason.find("over the limit"), std::string::npos);
}
