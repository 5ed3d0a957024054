#include "runtime/agent/explanation_check.h"

#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

ExplanationFacts facts() {
  ExplanationFacts f;
  f.metric = "val_rmse";
  f.trials = {{1, 0.5231}, {2, 0.61}, {3, std::nullopt}};
  f.otherTexts = {"The learning rate was too high, so the loss diverged after epoch 3."};
  return f;
}

std::string rule(const std::string& text) {
  return checkExplanation(text, facts()).rule;
}

TEST(ExplanationCheck, AcceptsAWellFormedTrueSentence) {
  EXPECT_EQ(rule("Trial 1 reached val_rmse 0.523, better than trial 2; a lower rate may help."),
            "");
  EXPECT_EQ(rule("Trials 1 and 2 both converged (no sign of overfitting)."), "");
  EXPECT_EQ(rule("The RMSE of 0.61 in trial 2 suggests underfitting."), "");
}

TEST(ExplanationCheck, RefusesEmptyText) {
  EXPECT_EQ(rule("  \n"), "empty");
}

TEST(ExplanationCheck, RefusesTextCutOffMidWord) {
  EXPECT_EQ(rule("Training loss fell steadily but the validation RM"), "cut-off");
  EXPECT_EQ(rule("Raise the depth to capture more interactions,"), "cut-off");
  EXPECT_EQ(rule("The model keeps improving..."), "cut-off");
}

TEST(ExplanationCheck, RefusesUnbalancedBrackets) {
  EXPECT_EQ(rule("A smaller rate (as in trial 1 helped."), "unbalanced");
  EXPECT_EQ(rule("A smaller rate helped as in trial 1)."), "unbalanced");
  EXPECT_EQ(rule("It said \"lower the rate."), "unbalanced");
}

TEST(ExplanationCheck, RefusesTemplateResidue) {
  EXPECT_EQ(rule("The trials so far are None yet."), "residue");
  EXPECT_EQ(rule("Validation error stayed flat |} ."), "residue");
  EXPECT_EQ(rule("Use {\"lr\": 0.01} next."), "residue");
  EXPECT_EQ(rule("Set the rate to <value> for the next trial."), "residue");
  EXPECT_EQ(rule("Try {{config}} again."), "residue");
}

TEST(ExplanationCheck, RefusesACitedTrialThatDoesNotExist) {
  EXPECT_EQ(rule("Trial 4 showed that a lower rate works."), "unknown-trial");
  EXPECT_EQ(rule("As trials 1 and 9 show, adam is better."), "unknown-trial");
  ExplanationVerdict v = checkExplanation("Unlike #12, this one converged.", facts());
  EXPECT_EQ(v.rule, "unknown-trial");
  EXPECT_NE(v.detail.find("trial 12"), std::string::npos) << v.detail;
}

TEST(ExplanationCheck, RefusesAMetricValueNoTrialRecorded) {
  EXPECT_EQ(rule("Trial 1 reached val_rmse 0.48, the best so far."), "wrong-number");
  EXPECT_EQ(rule("The val rmse of 0.7 is poor."), "wrong-number");
  // Within rounding of a recorded value, as a percentage too.
  EXPECT_EQ(rule("Trial 1 reached val_rmse 0.52."), "");
  EXPECT_EQ(rule("Trial 2 gave rmse = 61%."), "");
  // A difference or a threshold is not a result.
  EXPECT_EQ(rule("Lowering the rate cut val_rmse by 0.09."), "");
  EXPECT_EQ(rule("Keep val_rmse below 0.5 next."), "");
  // Numbers of the trajectory may be quoted too.
  ExplanationFacts f = facts();
  f.values = {0.9};
  EXPECT_EQ(checkExplanation("The val_rmse started at 0.9 and fell.", f).rule, "");
}

TEST(ExplanationCheck, RefusesACopyOfAnotherTrialsText) {
  EXPECT_EQ(rule("The learning rate was too high, so the loss diverged after epoch 3."), "copied");
  EXPECT_EQ(rule("the learning rate was too high so the loss diverged after epoch 3!"), "copied");
  EXPECT_EQ(rule("The learning rate was low, so the loss fell smoothly until the end."), "");
}

TEST(ExplanationCheck, KeepsTheCompleteSentencesOfACutOffText) {
  EXPECT_EQ(completeSentences("Trial 1 reached val_rmse 0.5231. The rate of 0.1 was too hi"),
            "Trial 1 reached val_rmse 0.5231.");
  EXPECT_EQ(completeSentences("A lower rate of 0.03 may help"), "");
  EXPECT_EQ(completeSentences("Done! Next, try"), "Done!");
}

TEST(ExplanationCheck, DescribesWhatMoved) {
  rt::StudySpec spec;
  spec.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1e-1).logScale());
  spec.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd"}));
  EXPECT_EQ(describeChange(spec, {{"lr", 0.1}, {"opt", "adam"}}, {{"lr", 0.03}, {"opt", "sgd"}}),
            "lr 0.1 -> 0.03, opt adam -> sgd");
  EXPECT_EQ(describeChange(spec, {{"lr", 0.1}}, {{"lr", 0.1}}), "no parameter");
}

} // namespace
} // namespace hpoc::agent
