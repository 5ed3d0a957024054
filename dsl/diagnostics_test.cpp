#include "dsl/diagnostics.h"

#include <gtest/gtest.h>
#include <sstream>

namespace hpoc::dsl {
namespace {

TEST(Diagnostics, PrintsLocationLineAndRange) {
  SourceManager sm;
  std::uint32_t id = sm.addBuffer("s.hpo", "first\n  float lr [0, 1] log\n");
  DiagnosticEngine diags(sm);
  diags.error({{id, 17}, 23}, "log scale needs a range above zero");
  diags.note({{id, 14}, 16}, "declared here");
  std::ostringstream out;
  DiagnosticPrinter(out).print(diags);
  EXPECT_EQ(out.str(), "s.hpo:2:12: error: log scale needs a range above zero\n"
                       "  float lr [0, 1] log\n"
                       "           ^~~~~~\n"
                       "s.hpo:2:9: note: declared here\n"
                       "  float lr [0, 1] log\n"
                       "        ^~\n"
                       "1 error generated.\n");
}

TEST(Diagnostics, LongLinesAreWindowedAroundTheCaret) {
  SourceManager sm;
  std::string line(1 << 20, 'x');
  line[500000] = '@';
  std::uint32_t id = sm.addBuffer("big.hpo", line);
  DiagnosticEngine diags(sm);
  diags.error({{id, 500000}, 500001}, "unexpected character '@'");
  std::ostringstream out;
  DiagnosticPrinter(out).print(diags);
  std::string text = out.str();
  EXPECT_LT(text.size(), 400u);
  EXPECT_NE(text.find("big.hpo:1:500001: error"), std::string::npos);
  std::size_t src = text.find('\n') + 1;
  std::size_t caretLine = text.find('\n', src) + 1;
  std::size_t at = text.find('@', src);
  EXPECT_EQ(text[caretLine + (at - src)], '^');
}

TEST(Diagnostics, ErrorLimitDropsLaterErrorsAndTheirNotes) {
  SourceManager sm;
  std::uint32_t id = sm.addBuffer("s.hpo", "x");
  DiagnosticEngine diags(sm, 2);
  for (int i = 0; i < 5; ++i) {
    diags.error({{id, 0}, 1}, "e");
    diags.note({{id, 0}, 1}, "n");
  }
  EXPECT_EQ(diags.errorCount(), 2u);
  EXPECT_EQ(diags.diagnostics().size(), 4u);
}

} // namespace
} // namespace hpoc::dsl
