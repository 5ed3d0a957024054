#include "runtime/report/svg_chart.h"

#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
    ++n;
  return n;
}

TEST(SvgChart, PointsFailuresAndTitle) {
  ChartSpec spec{"acc <per> trial", "trial", "acc"};
  std::vector<ChartPoint> pts = {
      {1, 0.5, "", false, "a"}, {2, 0.7, "", false, "b"}, {3, 0, "", true, "crashed"}};
  std::string svg = renderChart(spec, pts);
  EXPECT_EQ(count(svg, "<circle"), 2);
  EXPECT_EQ(count(svg, "class=\"failed\""), 1);
  EXPECT_NE(svg.find("acc &lt;per&gt; trial"), std::string::npos);
  EXPECT_EQ(svg, renderChart(spec, pts)); // stable
}

TEST(SvgChart, LogAxisTicksArePowersOfTen) {
  ChartSpec spec{"lr", "lr", "acc"};
  spec.logX = true;
  std::string svg = renderChart(spec, {{1e-4, 0.5}, {1e-1, 0.6}});
  for (const char* t : {">0.0001<", ">0.001<", ">0.01<", ">0.1<"})
    EXPECT_NE(svg.find(t), std::string::npos) << t;
}

TEST(SvgChart, CategoricalAxisNamesEveryValue) {
  ChartSpec spec{"opt", "opt", "acc"};
  spec.categories = {"adam", "sgd", "rmsprop"};
  std::string svg = renderChart(spec, {{0, 0.5, "sgd"}});
  for (const char* c : {">adam<", ">sgd<", ">rmsprop<"})
    EXPECT_NE(svg.find(c), std::string::npos);
}

TEST(SvgChart, TheXAxisSpansTheDeclaredRange) {
  // Every trial at 0.1-0.2 of a [0, 1] range: the axis still reaches 1, so the
  // plot shows a search stuck in one corner.
  ChartSpec spec{"x", "x", "acc"};
  std::string narrow = renderChart(spec, {{0.1, 0.5}, {0.2, 0.6}});
  spec.xDomain = std::make_pair(0.0, 1.0);
  std::string wide = renderChart(spec, {{0.1, 0.5}, {0.2, 0.6}});
  EXPECT_EQ(narrow.find(">1<"), std::string::npos) << narrow;
  EXPECT_NE(wide.find(">1<"), std::string::npos) << wide;
  EXPECT_NE(wide.find(">0<"), std::string::npos) << wide;
}

TEST(SvgChart, NothingToPlot) {
  std::string svg = renderChart({"t", "x", "y"}, {{1, 0, "", true}});
  EXPECT_NE(svg.find("no successful trial"), std::string::npos);
}

} // namespace
} // namespace hpoc::report
