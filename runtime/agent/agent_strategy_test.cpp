#include "runtime/agent/agent_strategy.h"
#include "runtime/agent/scripted_chat.h"
#include "runtime/trials/trial_store.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

namespace fs = std::filesystem;

rt::StudySpec study() {
  rt::StudySpec s;
  s.name = "s";
  s.goal.metric = "acc";
  s.goal.trials = 4;
  s.space.push_back(rt::ParamSpec::floatRange("lr", 1e-4, 1e-1).logScale());
  s.space.push_back(rt::ParamSpec::categorical("opt", {"adam", "sgd"}));
  return s;
}

struct AgentStrategyTest : ::testing::Test {
  void SetUp() override {
    dir = fs::temp_directory_path() / ("hpoc-agent-strategy-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  rt::StudySpec spec = study();
  fs::path dir;
};

TEST_F(AgentStrategyTest, ProposalsCarryTheirExchangesAndNeverRepeat) {
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->answer(R"({"rationale": "start", "config": {"lr": 0.001, "opt": "adam"}})");
  script->answer(R"({"rationale": "Same again.", "config": {"lr": 0.001, "opt": "adam"}})");
  AgentStrategy agent(spec, dir.string(), std::move(chat));
  std::vector<rt::Proposal> ps = agent.propose({}, 1, 2);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].source, "llm");
  EXPECT_EQ(ps[0].details["llm"][0]["purpose"], "propose");
  // The repeat is moved one step to an untried neighbour, without asking again.
  EXPECT_EQ(ps[1].source, "nudged");
  EXPECT_EQ(script->requests.size(), 2u);
  EXPECT_NE(ps[1].config, ps[0].config);
  EXPECT_EQ(ps[1].rationale, "Same again.");
  EXPECT_EQ(ps[1].details["llm"].size(), 1u);
  ASSERT_EQ(ps[1].details["adjusted"].size(), 1u);
  EXPECT_NE(ps[1].details["adjusted"][0].get<std::string>().find("repeated trial 1; moved"),
            std::string::npos)
      << ps[1].details["adjusted"];
  // One parameter moved: the learning rate within its range, or the other optimiser.
  bool lrMoved = ps[1].config["lr"] != 0.001;
  bool optMoved = ps[1].config["opt"] != "adam";
  EXPECT_NE(lrMoved, optMoved);
  double lr = ps[1].config["lr"];
  EXPECT_GE(lr, 1e-4);
  EXPECT_LE(lr, 1e-1);
}

TEST_F(AgentStrategyTest, UnreachableLlmStopsTheStudyByDefault) {
  auto chat = std::make_unique<ScriptedChat>(); // every request fails
  ScriptedChat* script = chat.get();
  AgentStrategy agent(spec, dir.string(), std::move(chat));
  try {
    agent.propose({}, 1, 1);
    FAIL() << "a study whose LLM never answers must stop";
  } catch (const rt::StrategyError& e) {
    EXPECT_EQ(e.exitCode, rt::kRunExitLlmFailed);
    std::string what = e.what();
    EXPECT_NE(what.find("failed 3 times in a row"), std::string::npos) << what;
    EXPECT_NE(what.find("cause: the LLM did not answer (connection)"), std::string::npos) << what;
    EXPECT_NE(what.find("on_llm_failure random"), std::string::npos) << what;
  }
  // Three calls, each with another seed, and no trial was given a random draw.
  ASSERT_EQ(script->requests.size(), 3u);
  EXPECT_NE(script->requests[0].seed, script->requests[1].seed);
  std::vector<std::string> alerts = agent.takeAlerts();
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_NE(alerts[0].find("trial 1: the LLM gave no configuration"), std::string::npos)
      << alerts[0];
  EXPECT_NE(alerts[0].find("asking again (1 of 3"), std::string::npos) << alerts[0];
  EXPECT_TRUE(agent.takeAlerts().empty());
}

TEST_F(AgentStrategyTest, OneFailedCallIsAskedAgainNotReplacedByChance) {
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->fail(llm::ChatErrorKind::Server);
  script->answer(R"({"rationale": "start", "config": {"lr": 0.001, "opt": "adam"}})");
  AgentStrategy agent(spec, dir.string(), std::move(chat));
  std::vector<rt::Proposal> ps = agent.propose({}, 1, 1);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].source, "llm");
  EXPECT_EQ(ps[0].details["llm"].size(), 2u); // the failed call is recorded too
  EXPECT_EQ(agent.takeAlerts().size(), 1u);
}

TEST_F(AgentStrategyTest, UnreachableLlmFallsBackToRandomWhenTheStudySaysSo) {
  spec.agent.onLlmFailure = "random";
  auto chat = std::make_unique<ScriptedChat>(); // every request fails
  AgentStrategy agent(spec, dir.string(), std::move(chat));
  std::vector<rt::Proposal> ps = agent.propose({}, 1, 3);
  ASSERT_EQ(ps.size(), 3u);
  for (const rt::Proposal& p : ps) {
    EXPECT_EQ(p.source, "random-fallback");
    EXPECT_NE(p.rationale.find("drawn at random"), std::string::npos) << p.rationale;
    double lr = p.config["lr"];
    EXPECT_GE(lr, 1e-4);
    EXPECT_LE(lr, 1e-1);
  }
  EXPECT_NE(ps[0].config, ps[1].config);
  // Every trial it affects is shown, with the cause.
  std::vector<std::string> alerts = agent.takeAlerts();
  ASSERT_EQ(alerts.size(), 3u);
  EXPECT_NE(alerts[2].find("trial 3: the LLM gave no configuration: the LLM did not answer"),
            std::string::npos)
      << alerts[2];
  EXPECT_NE(alerts[2].find("random-fallback"), std::string::npos) << alerts[2];
}

TEST_F(AgentStrategyTest, ObserveReadsTheTrajectory) {
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->answer(R"({"verdict": "underfitting", "analysis": "accuracy still rising"})");
  AgentStrategy agent(spec, dir.string(), std::move(chat));
  fs::create_directories(dir / "trials" / rt::trialFolderName("abc"));
  std::ofstream(dir / "trials" / rt::trialFolderName("abc") / rt::trialfile::kTrajectory)
      << "{\"epoch\": 1, \"acc\": 0.5}\n{\"epoch\": 2, \"acc\": 0.7}\n";
  rt::TrialRecord t;
  t.number = 1;
  t.id = "abc";
  t.config = {{"lr", 0.001}, {"opt", "adam"}};
  t.status = "ok";
  t.metric = 0.7;
  auto note = agent.observe(t, "");
  ASSERT_TRUE(note);
  EXPECT_EQ(note->verdict, "underfitting");
  const std::string& prompt = script->requests[0].messages[1].content;
  EXPECT_NE(prompt.find("2 | 0.7"), std::string::npos) << prompt;
  EXPECT_EQ(note->details["llm"][0]["purpose"], "analyse");
}

TEST_F(AgentStrategyTest, AnAnalysisRequestIsTheSameForEveryRunOfATrial) {
  // One failed trial, run twice: in two folders, with other durations.
  auto analyseRequest = [this](const std::string& where, double seconds) {
    fs::path studyDir = dir / where / "build" / "hpo" / "s";
    rt::StudySpec s = spec;
    s.sourceDir = (dir / where / "src").string();
    auto chat = std::make_unique<ScriptedChat>();
    ScriptedChat* script = chat.get();
    script->answer(R"({"verdict": "failed", "analysis": "bad path"})");
    AgentStrategy agent(s, studyDir.string(), std::move(chat));
    rt::TrialRecord t;
    t.number = 2;
    t.id = "abc";
    t.config = {{"lr", 0.001}, {"opt", "adam"}};
    t.status = "failed";
    t.seconds = seconds;
    std::string config =
        (studyDir / "trials" / rt::trialFolderName("abc") / "config.json").string();
    agent.observe(t, "Traceback: " + s.sourceDir + "/train.py, line 3\ncannot read " + config);
    return script->requests.at(0).messages.at(1).content;
  };
  std::string first = analyseRequest("here", 1.224);
  EXPECT_EQ(first, analyseRequest("there/deeper", 57.1));
  EXPECT_NE(first.find("Traceback: {study_dir}/train.py, line 3\ncannot read "
                       "<study-folder>/trials/"),
            std::string::npos)
      << first;
  EXPECT_EQ(first.find(" s\n"), std::string::npos) << first; // no duration in the outcome
}

} // namespace
} // namespace hpoc::agent
