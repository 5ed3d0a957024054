#include "runtime/report/study_report.h"

#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

rt::StudySpec spec(bool maximize) {
  rt::StudySpec s;
  s.name = "demo";
  s.goal.metric = "loss";
  s.goal.maximize = maximize;
  s.goal.trials = 4;
  s.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1).logScale());
  s.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd"}));
  return s;
}

ReportData data(const rt::StudySpec& s) {
  ReportData d;
  d.spec = &s;
  d.strategy = "agent";
  d.trials = {{1, "a", {{"lr", 0.1}, {"opt", "adam"}}, "ok", 0.5, 1.0, "agent", "start at defaults", "converged", "flat", ""},
              {2, "b", {{"lr", 0.01}, {"opt", "sgd"}}, "ok", 0.3, 1.0, "agent", "<script>alert(1)</script>", "", "", ""},
              {3, "c", {{"lr", 1.0}, {"opt", "sgd"}}, "failed", std::nullopt, 0.2, "random-fallback", "", "", "", "Traceback: boom"}};
  d.creator = CreatorSummary{"sgd with a small rate won.", {{"lr", "lower was better"}}, {"try 0.005"}};
  d.llm = LlmUsage{"http://127.0.0.1:1/v1 (m)", 1000, 100, 6, 0, 12.5, std::nullopt, 9, 2};
  return d;
}

TEST(StudyReport, BestFollowsTheDirection) {
  rt::StudySpec mini = spec(false), maxi = spec(true);
  EXPECT_EQ(*bestTrial(data(mini)), 1u);
  EXPECT_EQ(*bestTrial(data(maxi)), 0u);
}

TEST(StudyReport, MarkdownHasTheBestTheAnalysisAndTheTrials) {
  rt::StudySpec s = spec(false);
  std::string md = renderMarkdown(data(s));
  for (const char* part : {"Best loss: 0.3 (trial 2)", "| lr | 0.01 |", "**lr**: lower was better",
                           "- try 0.005", "| 3 | 1 | sgd | - | failed |", "Traceback: boom",
                           "1,000 prompt + 100 completion in 6 calls", "Failed trials: 1",
                           "Explanations: 2 of 9 LLM texts failed the check"})
    EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
}

TEST(StudyReport, TrialsAreCountedAgainstThisRunsBudget) {
  rt::StudySpec s = spec(false);
  ReportData d = data(s);
  EXPECT_NE(renderMarkdown(d).find("Trials: 3 of 4"), std::string::npos) << renderMarkdown(d);
  d.budget = 3; // --trials 3
  EXPECT_NE(renderMarkdown(d).find("Trials: 3 of 3"), std::string::npos) << renderMarkdown(d);
}

TEST(StudyReport, AgentReportSaysHowManyTrialsTheLlmProposed) {
  rt::StudySpec s = spec(false);
  ReportData d = data(s);
  d.strategy = "agent";
  d.trials[0].source = "llm";
  d.trials[1].source = "nudged";
  d.trials[2].source = "random-fallback";
  std::string md = renderMarkdown(d);
  EXPECT_NE(md.find("The LLM proposed 2 of 3 trials (1 llm, 1 nudged, 1 random-fallback)."),
            std::string::npos) << md;
  EXPECT_NE(md.find("**1 trial was a random draw because the LLM gave no usable answer.**"),
            std::string::npos) << md;
}

TEST(StudyReport, HtmlIsSelfContainedAndEscapesLlmText) {
  rt::StudySpec s = spec(false);
  std::string html = renderHtml(data(s));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_GE(std::count(html.begin(), html.end(), '\n'), 20);
  // Best-so-far, per trial, and one chart per parameter.
  std::size_t charts = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    ++charts;
  EXPECT_EQ(charts, 4u);
}

} // namespace
} // namespace hpoc::report
