#include "runtime/report/study_report.h"
#include "runtime/report/vega_page.h"

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
  d.trials = {{1,
               "a",
               {{"lr", 0.1}, {"opt", "adam"}},
               "ok",
               0.5,
               1.0,
               "agent",
               "start at defaults",
               "converged",
               "flat",
               ""},
              {2,
               "b",
               {{"lr", 0.01}, {"opt", "sgd"}},
               "ok",
               0.3,
               1.0,
               "agent",
               "<script>alert(1)</script>",
               "",
               "",
               ""},
              {3,
               "c",
               {{"lr", 1.0}, {"opt", "sgd"}},
               "failed",
               std::nullopt,
               0.2,
               "random-fallback",
               "",
               "",
               "",
               "Traceback: boom"}};
  d.creator =
      CreatorSummary{"sgd with a small rate won.", {{"lr", "lower was better"}}, {"try 0.005"}};
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
            std::string::npos)
      << md;
  EXPECT_NE(md.find("**1 trial was a random draw because the LLM gave no usable answer.**"),
            std::string::npos)
      << md;
}

/// The page without its <script> elements' contents (the Vega library holds
/// strings such as "href=" of its own).
std::string withoutScripts(std::string html) {
  for (std::size_t at = html.find("<script>"); at != std::string::npos;
       at = html.find("<script>", at + 1)) {
    std::size_t end = html.find("</script>", at);
    html.erase(at + 8, end - at - 8);
  }
  return html;
}

TEST(StudyReport, HtmlIsSelfContainedAndEscapesLlmText) {
  rt::StudySpec s = spec(false);
  std::string html = renderHtml(data(s));
  std::string page = withoutScripts(html);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href="), std::string::npos);
  EXPECT_NE(page.find("<div class=\"table-box\">"),
            std::string::npos); // the table scrolls in its box
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = page.find(what); at != std::string::npos; at = page.find(what, at + 1))
      ++n;
    return n;
  };
  if (vegaLibrary().empty()) {
    EXPECT_EQ(count("<svg"), 4u); // best so far, per trial, one per parameter
  } else {
    // Best so far, one per parameter, parallel coordinates (no trajectories: no curves).
    EXPECT_EQ(count("class=\"vega\""), 4u);
    EXPECT_NE(html.find("define_('vega-view'"), std::string::npos);
  }
}

TEST(StudyReport, ImportanceStandsBesideTheCreatorsInfluence) {
  rt::StudySpec s = spec(false);
  ReportData d = data(s);
  d.trials.push_back(
      {4, "d", {{"lr", 0.001}, {"opt", "sgd"}}, "ok", 0.2, 1.0, "llm", "", "", "", ""});
  std::string md = renderMarkdown(d);
  std::size_t influence = md.find("### Influence of each hyperparameter");
  std::size_t computed = md.find("### Computed importance");
  ASSERT_NE(influence, std::string::npos) << md;
  ASSERT_NE(computed, std::string::npos) << md;
  EXPECT_LT(influence, computed);
  // lr 0.1, 0.01, 0.001 against loss 0.5, 0.3, 0.2: rho +1, larger is worse for a loss.
  EXPECT_NE(md.find("| lr | 3 | +1.00 | - | larger values go with a worse loss |"),
            std::string::npos)
      << md;
  EXPECT_NE(renderHtml(d).find("<h3>Computed importance</h3>"), std::string::npos);
}

TEST(StudyReport, MarkdownLinksTheImagesWrittenBesideIt) {
  rt::StudySpec s = spec(false);
  ReportData d = data(s);
  std::vector<ReportImage> images = reportImages(d);
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[1].file, "report-param-1-lr.svg");
  std::string md = renderMarkdown(d);
  for (const ReportImage& image : images) {
    EXPECT_NE(md.find("](" + image.file + ")"), std::string::npos) << image.file;
    EXPECT_EQ(image.svg.rfind("<svg xmlns=", 0), 0u);
    EXPECT_NE(image.svg.find("<style>"), std::string::npos); // it stands alone
  }
}

} // namespace
} // namespace hpoc::report
