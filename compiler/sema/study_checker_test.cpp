#include "compiler/sema/study_checker.h"
#include "dsl/parser.h"

#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

namespace hpoc::sema {
namespace {

using namespace hpoc::dsl;

/// A study file parsed and checked from memory, as the driver would.
struct Checked {
  SourceManager sm;
  DiagnosticEngine diags{sm};
  StudyFile file;
  bool ok = false;

  std::vector<std::string> messages(Severity s) const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.diagnostics())
      if (d.severity == s)
        out.push_back(d.message);
    return out;
  }
};

std::unique_ptr<Checked> check(std::string text) {
  auto c = std::make_unique<Checked>();
  std::uint32_t id = c->sm.addBuffer("mem.hpo", std::move(text));
  c->file = parseStudyFile(c->sm, id, c->diags);
  EXPECT_FALSE(c->diags.hasErrors()) << "the input should parse";
  CheckOptions options;
  options.checkPaths = false;
  c->ok = checkStudyFile(c->file, c->sm, c->diags, options);
  return c;
}

/// A valid study whose space is `space`.
std::string withSpace(const std::string& space) {
  return "study s {\n  task \"t\"\n  dataset {\n    name \"d\"\n  }\n"
         "  goal {\n    maximize acc\n  }\n  space {\n" +
         space + "  }\n  trainer {\n    command \"t {config} {metrics}\"\n  }\n}\n";
}

TEST(StudyChecker, ValidStudyHasNoDiagnostics) {
  auto c = check(withSpace("    float lr [1e-4, 0.5] log default 0.01\n"
                           "    categorical opt {sgd, adam} default adam\n"
                           "    float mom [0, 0.99] when opt == sgd && !(lr > 0.1)\n"
                           "    ordinal batch {16, 32, 64}\n"
                           "    bool bn default true\n"));
  EXPECT_TRUE(c->ok);
  EXPECT_EQ(c->diags.errorCount(), 0u);
  EXPECT_EQ(c->diags.warningCount(), 0u);
}

TEST(StudyChecker, InvertedAndEmptyRangesAreOneErrorEach) {
  auto c = check(withSpace("    float lr [1, 0.001]\n    int layers [4, 4]\n"));
  EXPECT_FALSE(c->ok);
  auto errors = c->messages(Severity::Error);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "range of 'lr' is inverted: 1 is above 0.001; write [0.001, 1]");
  EXPECT_EQ(errors[1], "range of 'layers' is empty: both ends are 4; a hyperparameter needs two "
                       "values or more");
}

TEST(StudyChecker, LogScaleOnRangeReachingZeroHasANote) {
  auto c = check(withSpace("    float lr [0, 1] log\n"));
  EXPECT_EQ(c->diags.errorCount(), 1u);
  ASSERT_EQ(c->messages(Severity::Note).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Note)[0], "low end of the range here");
}

TEST(StudyChecker, DuplicateParameterIsReportedOnce) {
  auto c = check(withSpace("    float lr [0.1, 1]\n    float lr [0.2, 1]\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Error)[0], "parameter 'lr' is declared twice");
}

TEST(StudyChecker, UnknownConditionParameterSuggestsTheClosestName) {
  auto c = check(withSpace("    categorical optimizer {sgd, adam}\n"
                           "    float mom [0, 1] when optimiser == sgd\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Error)[0],
            "condition names unknown parameter 'optimiser'; did you mean 'optimizer'?");
}

TEST(StudyChecker, SwappedLettersStillGetASuggestion) {
  auto c = check(withSpace("    categorical opt {sgd, adam} default adma\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Error)[0],
            "default 'adma' is not a value of 'opt'; did you mean 'adam'?");
}

TEST(StudyChecker, SelfDependencyIsNotAlsoACycle) {
  auto c = check(withSpace("    float mom [0, 1] when mom > 0.5\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Error)[0], "parameter 'mom' cannot depend on its own value");
}

TEST(StudyChecker, ConditionOnValueOutsideTheRange) {
  auto c = check(withSpace("    int layers [1, 8]\n    float drop [0, 0.5] when layers == 12\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_EQ(c->messages(Severity::Error)[0],
            "value 12 is outside the range of 'layers'; 'layers' never takes it");
}

TEST(StudyChecker, MissingGoalAndTrainerAreBothReported) {
  auto c = check("study s {\n  task \"t\"\n  dataset {\n    name \"d\"\n  }\n"
                 "  space {\n    bool b\n  }\n}\n");
  EXPECT_FALSE(c->ok);
  EXPECT_EQ(c->diags.errorCount(), 2u);
}

TEST(StudyChecker, LongValuesAreCutInMessages) {
  std::string word(1000, 'w');
  auto c = check(withSpace("    categorical opt {sgd, adam} default " + word + "\n"));
  ASSERT_EQ(c->messages(Severity::Error).size(), 1u);
  EXPECT_LT(c->messages(Severity::Error)[0].size(), 200u);
}

TEST(StudyChecker, ManyDuplicateValuesStayFast) {
  std::string values = "a";
  for (int i = 0; i < 20000; ++i)
    values += ", a";
  auto c = check(withSpace("    categorical opt {" + values + "}\n"));
  EXPECT_FALSE(c->ok);
  EXPECT_TRUE(c->diags.saturated());
}

} // namespace
} // namespace hpoc::sema
