#include "runtime/report/compare_page.h"

#include "runtime/report/svg_chart.h"
#include "runtime/report/vega_page.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace hpoc::report {

namespace {

const char* kStyle =
    R"(body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}.plot{margin:0}figcaption{font-size:.85em;color:#555}
.table-box{max-width:100%;overflow:auto})";

std::string cellText(const std::vector<std::optional<double>>& curve, std::size_t trial) {
  if (trial > curve.size())
    return "";
  const std::optional<double>& v = curve[trial - 1];
  if (!v)
    return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

} // namespace

std::string renderCompareHtml(const std::string& metric, bool maximize,
                              const std::vector<RunCurve>& runs) {
  std::size_t longest = 0;
  for (const RunCurve& r : runs)
    longest = std::max(longest, r.bestSoFar.size());
  // The table shows trials 1, 3, 5, 10, ... and the last.
  std::vector<std::size_t> marks;
  for (std::size_t k : {1, 3, 5, 10, 20, 50, 100})
    if (k < longest)
      marks.push_back(k);
  if (longest > 0)
    marks.push_back(longest);

  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>hpoc compare: "
      << escapeXml(metric) << "</title>\n<style>" << kStyle << "</style></head><body>\n"
      << "<h1>Runs side by side</h1>\n<p>Best " << escapeXml(metric) << " so far after each trial ("
      << (maximize ? "higher" : "lower") << " is better).</p>\n";
  VegaPlot plot = comparePlot(metric, maximize, runs);
  bool drawn = !vegaLibrary().empty();
  if (drawn)
    out << vegaPlotElement(plot);
  out << "<div class=\"table-box\"><table><tr><th>run</th>";
  for (std::size_t k : marks)
    out << "<th>trial " << k << "</th>";
  out << "</tr>\n";
  for (const RunCurve& r : runs) {
    out << "<tr><td>" << escapeXml(r.label) << "</td>";
    for (std::size_t k : marks)
      out << "<td>" << cellText(r.bestSoFar, k) << "</td>";
    out << "</tr>\n";
  }
  out << "</table></div>\n";
  if (drawn)
    out << vegaScripts({plot});
  out << "</body></html>\n";
  return out.str();
}

} // namespace hpoc::report
