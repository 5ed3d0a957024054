// Small, dependency-free SVG charts for the study report: a best-so-far curve,
// the metric per trial, and the metric against each hyperparameter.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpoc::report {

/// One plotted point. For a categorical x axis, `category` names the column.
struct ChartPoint {
  double x = 0;
  double y = 0;
  std::string category{};
  bool failed = false; ///< drawn as a cross at the bottom of the chart
  std::string label{}; ///< tooltip
};

struct ChartSpec {
  std::string title;
  std::string xLabel;
  std::string yLabel;
  bool logX = false;
  std::vector<std::string> categories{}; ///< non-empty: x is categorical, in this order
  bool drawLine = false;                 ///< join the points (the best-so-far curve)
  bool stepLine = false;                 ///< draw the line as steps
  int width = 420;
  int height = 260;
  /// The x axis spans at least this range (a parameter's declared range), so that
  /// a search stuck in one corner shows as such. Ignored when empty or categorical.
  std::optional<std::pair<double, double>> xDomain{};
};

/// The chart as an inline <svg> element. Same input, same bytes.
std::string renderChart(const ChartSpec& spec, const std::vector<ChartPoint>& points);

/// Escapes text for HTML and SVG.
std::string escapeXml(std::string_view s);

} // namespace hpoc::report
