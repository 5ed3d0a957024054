#include "runtime/spec/test_support.h"
#include "runtime/strategies/external_strategy.h"
#include "runtime/support/file_util.h"

#include <fstream>
#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {

/// A proposer script that saves its request and prints `answer`.
std::string proposer(const testsupport::TempDir& dir, const std::string& answer, int exitCode = 0) {
  std::string path = dir.file("proposer.sh");
  std::ofstream(path) << "#!/bin/sh\ncat > " << dir.file("seen.json") << "\ncat <<'END'\n"
                      << answer << "\nEND\nexit " << exitCode << "\n";
  return "/bin/sh " + path;
}

nlohmann::json seenRequest(const testsupport::TempDir& dir) {
  std::string text, err;
  EXPECT_TRUE(readFile(dir.file("seen.json"), &text, &err)) << err;
  return nlohmann::json::parse(text);
}

} // namespace

TEST(ExternalStrategy, SendsSpaceHistoryAndSeedAndReadsProposals) {
  testsupport::TempDir dir;
  StudySpec spec = testsupport::smallStudy();
  ExternalStrategy s(
      spec, 11, proposer(dir, R"({"proposals": [{"config": {"lr": 0.01, "layers": 2, "opt": "sgd",
                        "momentum": 0.9, "batch": 64}, "rationale": "tpe says so"}]})"),
      dir.path());
  TrialRecord done;
  done.number = 1;
  done.config = {{"lr", 0.001}, {"layers", 1}, {"opt", "adam"}, {"batch", 32}};
  done.status = "ok";
  done.metric = 0.8;
  auto out = s.propose({done}, 2, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].config["momentum"], 0.9);
  EXPECT_EQ(out[0].rationale, "tpe says so");
  EXPECT_EQ(out[0].source, "external");

  nlohmann::json req = seenRequest(dir);
  EXPECT_EQ(req["seed"], 11);
  EXPECT_EQ(req["first"], 2);
  EXPECT_EQ(req["count"], 1);
  EXPECT_EQ(req["goal"]["metric"], "acc");
  ASSERT_EQ(req["history"].size(), 1u);
  EXPECT_EQ(req["history"][0]["metric"], 0.8);
  EXPECT_EQ(req["space"][0]["log"], true);
  EXPECT_EQ(req["space"][1]["range"], nlohmann::json::array({1, 4}));
  EXPECT_EQ(req["space"][3]["when"],
            (nlohmann::json{{"op", "=="}, {"param", "opt"}, {"value", "sgd"}}));
  EXPECT_TRUE(req["defaults"].contains("lr"));
}

TEST(ExternalStrategy, EmptyAnswerMeansExhausted) {
  testsupport::TempDir dir;
  StudySpec spec = testsupport::smallStudy();
  ExternalStrategy s(spec, 0, proposer(dir, R"({"proposals": []})"), dir.path());
  EXPECT_TRUE(s.propose({}, 1, 2).empty());
}

TEST(ExternalStrategy, BadAnswersStopWithAReason) {
  StudySpec spec = testsupport::smallStudy();
  struct Case {
    std::string answer;
    int exitCode;
    std::string expected;
  } cases[] = {
      {"not json", 0, "did not answer"},
      {R"({"proposals": [{"config": {"lr": 5, "layers": 1, "opt": "adam", "batch": 32}}]})", 0,
       "invalid configuration"},
      {R"({"proposals": [{"config": {"lr": 0.001, "layers": 1, "opt": "adam", "batch": 32}}]})", 0,
       "already tried"},
      {R"({"proposals": [{"rationale": "no config"}]})", 0, "without a config"},
      {R"({"proposals": []})", 3, "exit code 3"},
  };
  TrialRecord done;
  done.number = 1;
  done.config = {{"lr", 0.001}, {"layers", 1}, {"opt", "adam"}, {"batch", 32}};
  for (const Case& c : cases) {
    testsupport::TempDir dir;
    ExternalStrategy s(spec, 0, proposer(dir, c.answer, c.exitCode), dir.path());
    try {
      s.propose({done}, 2, 1);
      ADD_FAILURE() << "accepted: " << c.answer;
    } catch (const StrategyError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
    }
  }
}
