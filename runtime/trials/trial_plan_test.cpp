#include "runtime/spec/test_support.h"
#include "runtime/trials/trial_plan.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(TrialPlan, TargetTrainerCommandEnvironmentAndLimits) {
  StudySpec spec = testsupport::smallStudy();
  spec.sourceDir = "/src";
  spec.trainer.args = "--config {config} --metrics {metrics} --seed {seed}";
  spec.trainer.timeoutSeconds = 120;
  spec.goal.trialTimeSeconds = 60;
  spec.agent.seed = 7;
  TrialInputs inputs;
  TrialPlanContext ctx{"/b/hpo/s/trials/0123", "/b/my trainer", "", &inputs};
  nlohmann::json plan;
  std::string err;
  Config c = {{"lr", 0.01}, {"layers", 2}, {"opt", "adam"}, {"batch", 32}};
  ASSERT_TRUE(makeTrialPlan(spec, c, "0123abc", ctx, &plan, &err)) << err;
  EXPECT_EQ(plan["command"], "'/b/my trainer' --config /b/hpo/s/trials/0123/config.json "
                             "--metrics /b/hpo/s/trials/0123/metrics.jsonl --seed 7");
  EXPECT_EQ(plan["workdir"], "/b/hpo/s/trials/0123");
  EXPECT_EQ(plan["env"]["HPOC_SEED"], "7");
  EXPECT_EQ(plan["timeout_seconds"], 60.0);
  EXPECT_EQ(plan["identity"]["config"]["layers"], 2);
}

TEST(TrialPlan, CommandTrainerAndWorkdir) {
  StudySpec spec = testsupport::smallStudy();
  spec.sourceDir = "/src";
  spec.trainer.config = ConfigFormat::Yaml;
  spec.trainer.workdir = "run";
  spec.trainer.timeoutSeconds = 30;
  TrialInputs inputs;
  TrialPlanContext ctx{"/t", "", "python3 {study_dir}/train.py {config}", &inputs};
  nlohmann::json plan;
  std::string err;
  ASSERT_TRUE(makeTrialPlan(spec, Config::object(), "x", ctx, &plan, &err)) << err;
  EXPECT_EQ(plan["command"], "python3 /src/train.py /t/config.yaml");
  EXPECT_EQ(plan["workdir"], "/src/run");
  EXPECT_EQ(trialTimeout(spec), 30.0);
  ctx.command = "python3 {nope}";
  EXPECT_FALSE(makeTrialPlan(spec, Config::object(), "x", ctx, &plan, &err));
}
