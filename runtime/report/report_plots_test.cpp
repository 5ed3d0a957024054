#include "runtime/report/report_plots.h"

#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

rt::StudySpec spec() {
  rt::StudySpec s;
  s.name = "demo";
  s.goal.metric = "loss";
  s.goal.maximize = false;
  s.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1).logScale());
  s.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd", "rmsprop"}));
  return s;
}

ReportData data(const rt::StudySpec& s) {
  ReportData d;
  d.spec = &s;
  d.strategy = "agent";
  d.trials = {{1, "a", {{"lr", 0.1}, {"opt", "adam"}}, "ok", 0.5, 1.0, "llm", "", "", "", ""},
              {2, "b", {{"lr", 0.01}, {"opt", "sgd"}}, "ok", 0.3, 1.0, "tpe-pick", "", "", "", ""},
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
               "boom"}};
  d.trials[0].trajectory = {{{"epoch", 1}, {"loss", 0.9}}, {{"epoch", 2}, {"loss", 0.5}}};
  return d;
}

TEST(ReportPlots, MetricAxisIsTheDataRangeWithAMarginAndAFailedBand) {
  auto [lo, hi] = metricDomain({0.90, 0.91});
  // A 0.01 spread stays a 0.01 spread: 0.2 below for the failed band, 0.08 above.
  EXPECT_NEAR(lo, 0.898, 1e-12);
  EXPECT_NEAR(hi, 0.9108, 1e-12);
  auto [one, two] = metricDomain({2.0});
  EXPECT_LT(one, 2.0);
  EXPECT_GT(two, 2.0);
}

TEST(ReportPlots, ParameterAxesSpanTheDeclaredSpace) {
  rt::StudySpec s = spec();
  std::vector<VegaPlot> plots = studyPlots(data(s));
  ASSERT_EQ(plots.size(), 5u); // best, lr, opt, parallel, curves
  const nlohmann::json& lr = plots[1].spec["scales"][0];
  EXPECT_EQ(lr["type"], "log");
  EXPECT_EQ(lr["domain"], nlohmann::json({1e-4, 1.0}));
  const nlohmann::json& opt = plots[2].spec["scales"][0];
  EXPECT_EQ(opt["domain"], nlohmann::json({"adam", "sgd", "rmsprop"})); // rmsprop was never tried
  EXPECT_NE(plots[1].caption.find("declared range"), std::string::npos);
  EXPECT_EQ(plots[1].spec["axes"][0]["values"], nlohmann::json({1e-4, 1e-3, 1e-2, 1e-1, 1.0}));
}

TEST(ReportPlots, FailedTrialsAreDrawnAndEverySourceIsColoured) {
  rt::StudySpec s = spec();
  VegaPlot best = studyPlots(data(s))[0];
  const nlohmann::json& rows = best.spec["data"][0]["values"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2]["ok"], false);
  EXPECT_EQ(rows[2]["source"], "random-fallback");
  EXPECT_EQ(rows[2]["best"], 0.3); // the best so far carries past a failure
  EXPECT_EQ(best.spec["scales"][2]["domain"]["field"], "source");
  const nlohmann::json& marks = best.spec["marks"];
  ASSERT_EQ(marks.size(), 5u); // band, best-so-far line, band label, dots, crosses
  EXPECT_EQ(marks[1]["type"], "line");
  for (const nlohmann::json& m : marks)
    EXPECT_TRUE(m.is_object()) << m;
  std::string text = best.spec.dump();
  EXPECT_NE(text.find("\"cross\""), std::string::npos);
}

TEST(ReportPlots, LearningCurvesNeedATrajectory) {
  rt::StudySpec s = spec();
  ReportData d = data(s);
  std::vector<VegaPlot> plots = studyPlots(d);
  EXPECT_EQ(plots.back().id, "plot-curves");
  EXPECT_EQ(plots.back().spec["data"][0]["values"].size(), 2u);
  d.trials[0].trajectory.clear();
  EXPECT_EQ(studyPlots(d).back().id, "plot-parallel");
}

TEST(ReportPlots, ParallelCoordinatesPlaceFailuresBelowTheMetric) {
  rt::StudySpec s = spec();
  VegaPlot parallel = studyPlots(data(s))[3];
  const nlohmann::json& rows = parallel.spec["data"][0]["values"];
  // trial 1: lr 0.1 sits at 3/4 of the log range, adam at 0, loss 0.5 at the top.
  EXPECT_NEAR(rows[0]["pos"].get<double>(), 0.75, 1e-12);
  EXPECT_EQ(rows[1]["pos"], 0.0);
  EXPECT_EQ(rows[2]["pos"], 1.0);
  EXPECT_LT(rows.back()["pos"].get<double>(), 0.0);
}

TEST(ReportPlots, CompareDrawsEveryRun) {
  VegaPlot p = comparePlot("loss", false,
                           {{"random (a)", {std::nullopt, 0.5, 0.4}}, {"tpe (b)", {0.6, 0.3}}});
  EXPECT_EQ(p.spec["data"][0]["values"].size(), 4u);
  EXPECT_EQ(p.spec["scales"][0]["domain"], nlohmann::json({0.5, 3.5}));
}

TEST(VegaPage, ScriptTextCannotCloseTheScriptElement) {
  EXPECT_EQ(scriptJson({{"a", "</script>"}}), "{\"a\":\"<\\/script>\"}");
}

TEST(VegaPage, ThePageCarriesTheLibraryAndEachPlot) {
  std::string page = vegaScripts({{"plot-x", "x", {{"width", 10}}}});
  EXPECT_NE(page.find("\"plot-x\": {\"width\":10}"), std::string::npos);
  EXPECT_NE(page.find("data-marks"), std::string::npos);
  if (!vegaLibrary().empty()) {
    EXPECT_NE(vegaLibrary().find("define_('vega-view'"), std::string::npos);
  }
}

} // namespace
} // namespace hpoc::report
