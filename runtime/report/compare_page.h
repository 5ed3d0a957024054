// `hpoc compare --html`: several runs of a study on one self-contained page, the
// best-so-far curve of each drawn by Vega (as in report.html), and a table of
// where each run stood at a few marks.
#pragma once

#include "runtime/report/report_plots.h"

#include <string>
#include <vector>

namespace hpoc::report {

std::string renderCompareHtml(const std::string& metric, bool maximize,
                              const std::vector<RunCurve>& runs);

} // namespace hpoc::report
