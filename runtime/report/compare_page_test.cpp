#include "runtime/report/compare_page.h"
#include "runtime/report/vega_page.h"

#include <gtest/gtest.h>

namespace hpoc::report {
namespace {

TEST(ComparePage, TableShowsEachRunAtTheMarks) {
  std::vector<RunCurve> runs = {
      {"random (a)", {std::nullopt, 0.5, 0.5, 0.4}},
      {"tpe <b>", {0.6, 0.3, 0.3, 0.3, 0.25}},
  };
  std::string html = renderCompareHtml("loss", false, runs);
  EXPECT_NE(html.find("<th>trial 1</th><th>trial 3</th><th>trial 5</th></tr>"), std::string::npos)
      << html;
  // A run shorter than the mark leaves its cell empty; before its first success, "-".
  EXPECT_NE(html.find("<tr><td>random (a)</td><td>-</td><td>0.5</td><td></td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<tr><td>tpe &lt;b&gt;</td><td>0.6</td><td>0.3</td><td>0.25</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("lower is better"), std::string::npos);
  if (!vegaLibrary().empty()) {
    EXPECT_NE(html.find("<div id=\"plot-compare\" class=\"vega\">"), std::string::npos);
  }
}

} // namespace
} // namespace hpoc::report
