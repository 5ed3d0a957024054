#include "runtime/runner/progress.h"
#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace hpoc::rt;

TEST(Progress, LineShowsMetricBestElapsedAndEta) {
  StudySpec spec = testsupport::smallStudy();
  std::vector<TrialRecord> trials(2);
  trials[0].number = 1, trials[0].status = "ok", trials[0].metric = 0.8;
  trials[0].config = {{"lr", 0.01}, {"layers", 2}};
  trials[0].source = "llm";
  trials[0].rationale = "A deeper net should fit the digits better. The rate stays.";
  trials[1].number = 2, trials[1].status = "failed",
  trials[1].errorTail = "exit code 1\nTraceback\nValueError: bad";
  std::ostringstream out;
  ProgressPrinter p(spec, out, [] { return 20.0; });
  p.trialLine(trials[0], trials, 10, true, 2, 8);
  p.trialLine(trials[1], trials, 10, true, 2, 8);
  std::string s = out.str();
  EXPECT_NE(s.find("[ 1/10] ok"), std::string::npos) << s;
  EXPECT_NE(s.find("acc 0.8"), std::string::npos) << s;
  EXPECT_NE(s.find("best 0.8 (#1)"), std::string::npos) << s;
  EXPECT_NE(s.find("elapsed 0:20  ETA 1:20"), std::string::npos) << s;
  EXPECT_NE(
      s.find("[llm] lr=0.01, layers=2\n      why: A deeper net should fit the digits better.\n"),
      std::string::npos)
      << s;
  EXPECT_NE(s.find("[ 2/10] failed"), std::string::npos) << s;
  EXPECT_NE(s.find("      exit code 1\n"), std::string::npos) << s;
  EXPECT_NE(s.find("      | ValueError: bad\n"), std::string::npos) << s;
}

TEST(Progress, ConfigSummaryQuotesStringsThatWouldReadAmbiguously) {
  StudySpec spec;
  for (const char* name : {"a", "b", "c", "d", "e"}) {
    ParamSpec p;
    p.name = name;
    spec.space.push_back(p);
  }
  Config c = {{"a", "adam"}, {"b", "tab\there"}, {"c", "x, y"}, {"d", "k=v"}, {"e", ""}};
  EXPECT_EQ(configSummary(spec, c), "a=adam, b=\"tab\\there\", c=\"x, y\", d=\"k=v\", e=\"\"");
}

TEST(Progress, ALongReasonIsCutAtAWordAndRandomDrawsGiveNone) {
  StudySpec spec = testsupport::smallStudy();
  std::vector<TrialRecord> trials(2);
  trials[0].number = 1, trials[0].status = "ok", trials[0].metric = 0.8,
  trials[0].source = "nudged";
  trials[0].rationale = std::string(30, 'x') + " " + std::string(100, 'y') + " tail";
  trials[1].number = 2, trials[1].status = "ok", trials[1].metric = 0.7,
  trials[1].source = "random";
  trials[1].rationale = "uniform random draw";
  std::ostringstream out;
  ProgressPrinter p(spec, out, [] { return 1.0; });
  p.trialLine(trials[0], trials, 2, true, 1, 1);
  p.trialLine(trials[1], trials, 2, true, 2, 0);
  std::string s = out.str();
  EXPECT_NE(s.find("      why: " + std::string(30, 'x') + " " + std::string(76, 'y') + "...\n"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("uniform random draw"), std::string::npos) << s;
}

TEST(Progress, WaitNoticeSaysNothingForAQuickCall) {
  std::ostringstream out;
  { WaitNotice w(out, "waiting for the LLM", true, false); }
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, WaitNoticeShowsHowLongItWaits) {
  std::ostringstream out;
  {
    WaitNotice w(out, "waiting for the LLM: proposing trial 3", true, true);
    std::this_thread::sleep_for(std::chrono::milliseconds(3300));
  }
  std::string s = out.str();
  EXPECT_NE(s.find("\rhpoc: waiting for the LLM: proposing trial 3 (2 s)"), std::string::npos) << s;
  EXPECT_NE(s.find("(3 s)"), std::string::npos) << s;
  // The line is erased when the call returns, so the next trial line starts clean.
  EXPECT_EQ(s.substr(s.size() - 4), "\r\x1b[K");
}

TEST(Progress, BestFollowsDirection) {
  StudySpec spec = testsupport::smallStudy();
  std::vector<TrialRecord> t(3);
  for (int i = 0; i < 3; ++i)
    t[i].status = "ok", t[i].metric = i == 1 ? 0.1 : 0.5 + i;
  EXPECT_EQ(*bestTrialIndex(spec, t), 2u);
  spec.goal.maximize = false;
  EXPECT_EQ(*bestTrialIndex(spec, t), 1u);
  EXPECT_EQ(clockText(3725), "1:02:05");
}
