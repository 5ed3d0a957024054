// The report's plots as Vega specs: best so far, the metric against each
// parameter over its declared range, parallel coordinates, learning curves, and
// the best-so-far curves of several runs for `hpoc compare --html`. Points are
// coloured by who proposed them (any source gets a colour and a legend entry);
// failed trials are crosses in a band at the bottom, where they were tried.
#pragma once

#include "runtime/report/study_report.h"
#include "runtime/report/vega_page.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpoc::report {

/// The metric axis: the successful values' range with a margin above and a
/// larger one below, where failed trials are drawn. Never zoomed past the data.
std::pair<double, double> metricDomain(const std::vector<double>& values);

/// Every plot of the study's report, in page order. The learning curves are
/// left out when no trial reported the goal's metric more than once.
std::vector<VegaPlot> studyPlots(const ReportData& data);

/// One run for `hpoc compare`: its label and its best so far after each trial.
struct RunCurve {
  std::string label;
  std::vector<std::optional<double>> bestSoFar;
};

VegaPlot comparePlot(const std::string& metric, bool maximize, const std::vector<RunCurve>& runs);

} // namespace hpoc::report
