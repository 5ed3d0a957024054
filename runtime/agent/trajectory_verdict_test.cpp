#include "runtime/agent/trajectory_verdict.h"

#include <cmath>
#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

class TrajectoryVerdictTest : public ::testing::Test {
protected:
  TrajectoryVerdictTest() {
    spec.name = "s";
    spec.goal.metric = "val_acc";
    spec.goal.maximize = true;
  }
  /// A finished trial whose rows hold `metric` and `loss` per epoch.
  ExecutorInput ok(const std::vector<double>& metric, const std::vector<double>& loss = {}) {
    ExecutorInput in;
    in.outcome = "ok: val_acc 0.9 in 3 s";
    for (std::size_t i = 0; i < metric.size(); ++i) {
      nlohmann::json row = {{"epoch", i + 1}, {spec.goal.metric, metric[i]}};
      if (i < loss.size())
        row["train_loss"] = loss[i];
      in.trajectory.push_back(row);
    }
    return in;
  }
  rt::StudySpec spec;
};

TEST_F(TrajectoryVerdictTest, PlateauIsConverged) {
  TrajectoryVerdict v = diagnoseTrajectory(spec, ok({0.5, 0.8, 0.88, 0.9, 0.905, 0.906}));
  EXPECT_EQ(v.verdict, "converged");
  EXPECT_EQ(v.note,
            "val_acc went from 0.5 to 0.906 in 6 epochs; the last 2 epochs moved it by 0.006");
}

TEST_F(TrajectoryVerdictTest, StillRisingIsUnderfitting) {
  TrajectoryVerdict v = diagnoseTrajectory(spec, ok({0.5, 0.55, 0.6, 0.65, 0.7, 0.75}));
  EXPECT_EQ(v.verdict, "underfitting");
  EXPECT_NE(v.note.find("still improving"), std::string::npos) << v.note;
}

TEST_F(TrajectoryVerdictTest, FlatMetricDidNotLearn) {
  TrajectoryVerdict v = diagnoseTrajectory(spec, ok({0.1, 0.1, 0.1, 0.1}));
  EXPECT_EQ(v.verdict, "underfitting");
  EXPECT_EQ(v.note, "val_acc stayed at 0.1 for all 4 epochs: the model did not learn");
}

TEST_F(TrajectoryVerdictTest, WobbleWithinNoiseIsNoCourse) {
  // Moves of 0.1% of the metric's size: neither the peak then fall of
  // overfitting nor the reversals of instability.
  TrajectoryVerdict v = diagnoseTrajectory(
      spec, ok({0.5066, 0.5061, 0.5065, 0.5062, 0.5061}, {0.7, 0.6, 0.5, 0.4, 0.3}));
  EXPECT_EQ(v.verdict, "converged");
  EXPECT_EQ(v.note,
            "val_acc stayed between 0.5061 and 0.5066 for all 5 epochs: moves under 0.2% of its "
            "size, no trend");
}

TEST_F(TrajectoryVerdictTest, SmallDropAfterAClearRiseIsNotOverfitting) {
  // The fall from the peak (0.0007) is over a tenth of the range but under 0.2% of
  // 0.9: the course rose and settled.
  TrajectoryVerdict v =
      diagnoseTrajectory(spec, ok({0.895, 0.8995, 0.9, 0.8993}, {0.5, 0.4, 0.3, 0.2}));
  EXPECT_EQ(v.verdict, "converged") << v.note;
}

TEST_F(TrajectoryVerdictTest, PeakThenFallWithFallingLossIsOverfitting) {
  TrajectoryVerdict v =
      diagnoseTrajectory(spec, ok({0.7, 0.85, 0.9, 0.86, 0.82}, {1.0, 0.6, 0.4, 0.2, 0.1}));
  EXPECT_EQ(v.verdict, "overfitting");
  EXPECT_EQ(v.note, "val_acc peaked at 0.9 (epoch 3) and ended at 0.82 (epoch 5) while the train "
                    "loss kept falling");
}

TEST_F(TrajectoryVerdictTest, PeakThenFallWithRisingLossIsDiverged) {
  TrajectoryVerdict v =
      diagnoseTrajectory(spec, ok({0.7, 0.85, 0.6, 0.4, 0.2}, {1.0, 0.8, 1.5, 3.0, 9.0}));
  EXPECT_EQ(v.verdict, "diverged");
}

TEST_F(TrajectoryVerdictTest, ZigZagIsUnstable) {
  TrajectoryVerdict v = diagnoseTrajectory(spec, ok({0.5, 0.8, 0.55, 0.82, 0.6, 0.85}));
  EXPECT_EQ(v.verdict, "unstable");
}

TEST_F(TrajectoryVerdictTest, MinimisedMetricReadsTheOtherWay) {
  spec.goal.metric = "val_rmse";
  spec.goal.maximize = false;
  EXPECT_EQ(diagnoseTrajectory(spec, ok({9.8, 5.1, 3.9, 3.85, 3.84, 3.84})).verdict, "converged");
  EXPECT_EQ(diagnoseTrajectory(spec, ok({9.8, 8.0, 6.0, 4.0, 2.0, 1.0})).verdict, "underfitting");
  // Rising error after a low with the train loss falling: overfitting.
  EXPECT_EQ(diagnoseTrajectory(spec, ok({9.8, 4.0, 3.0, 5.0, 7.0}, {5, 3, 2, 1, 0.5})).verdict,
            "overfitting");
}

TEST_F(TrajectoryVerdictTest, NonFiniteValuesAreDivergence) {
  ExecutorInput in = ok({0.5, 0.6});
  in.trajectory.push_back({{"epoch", 3}, {"val_acc", 0.6}, {"train_loss", "nan"}});
  EXPECT_EQ(diagnoseTrajectory(spec, in).verdict, "diverged");
  ExecutorInput nan;
  nan.outcome = "nan";
  EXPECT_EQ(diagnoseTrajectory(spec, nan).verdict, "diverged");
}

TEST_F(TrajectoryVerdictTest, UnfinishedTrialsAreJudgedByTheirEnd) {
  ExecutorInput slow = ok({0.5, 0.6});
  slow.outcome = "timeout";
  TrajectoryVerdict v = diagnoseTrajectory(spec, slow);
  EXPECT_EQ(v.verdict, "too_slow");
  EXPECT_EQ(v.note, "stopped at the trial time limit after 2 epochs");

  ExecutorInput crash;
  crash.outcome = "failed";
  crash.stderrTail = "Traceback (most recent call last):\nValueError: bad shape\n\n";
  v = diagnoseTrajectory(spec, crash);
  EXPECT_EQ(v.verdict, "failed");
  EXPECT_EQ(v.note, "failed: ValueError: bad shape");
}

TEST_F(TrajectoryVerdictTest, NoCourseGivesNoVerdict) {
  EXPECT_EQ(diagnoseTrajectory(spec, ok({})).verdict, "");
  TrajectoryVerdict one = diagnoseTrajectory(spec, ok({0.9}));
  EXPECT_EQ(one.verdict, "");
  EXPECT_EQ(one.note, "one measurement of val_acc, no course to judge");
}

} // namespace
} // namespace hpoc::agent
