#include "runtime/agent/hybrid_strategy.h"
#include "runtime/agent/scripted_chat.h"
#include "runtime/spec/config_canon.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

namespace fs = std::filesystem;

rt::StudySpec study(bool defaults) {
  rt::StudySpec s;
  s.name = "s";
  s.goal.metric = "val_loss";
  s.goal.maximize = false;
  s.goal.trials = 20;
  auto lr = rt::ParamSpec::floatRange("lr", 1e-4, 1e-1).logScale();
  auto opt = rt::ParamSpec::categorical("opt", {"adam", "sgd"});
  s.space.push_back(defaults ? std::move(lr).withDefault(0.001) : std::move(lr));
  s.space.push_back(defaults ? std::move(opt).withDefault("adam") : std::move(opt));
  s.agent.warmStart = 2;
  s.agent.llmShare = 0.3;
  return s;
}

/// A smooth loss with its minimum at lr = 0.01 and adam.
double lossOf(const rt::Config& c) {
  double lr = c["lr"];
  return std::pow(std::log10(lr) + 2, 2) + (c["opt"] == "adam" ? 0 : 0.5);
}

rt::TrialRecord finished(const rt::Proposal& p, int number) {
  rt::TrialRecord t;
  t.number = number;
  t.config = p.config;
  t.source = p.source;
  t.rationale = p.rationale;
  t.status = "ok";
  t.metric = lossOf(p.config);
  return t;
}

const char* kWarm =
    R"({"proposals": [{"rationale": "A common learning rate for adam.", "config": {"lr": 0.003, "opt": "adam"}},
                      {"rationale": "SGD needs a larger rate.", "config": {"lr": 0.05, "opt": "sgd"}}]})";

struct HybridStrategyTest : ::testing::Test {
  void SetUp() override {
    dir = fs::temp_directory_path() / ("hpoc-hybrid-strategy-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  /// Runs trials firstNumber..last one by one, each finished at once.
  void run(HybridStrategy& agent, int last) {
    for (int n = static_cast<int>(history.size()) + 1; n <= last; ++n) {
      std::vector<rt::Proposal> p = agent.propose(history, n, 1);
      ASSERT_EQ(p.size(), 1u) << "trial " << n;
      history.push_back(finished(p[0], n));
    }
  }
  /// TPE's best untried candidates for trial `number`, as the hybrid's TPE ranks them.
  std::vector<rt::Proposal> tpeCandidates(const rt::StudySpec& spec, int number) {
    rt::TpeOptions o;
    o.startupTrials = 0;
    rt::TpeStrategy tpe(spec, spec.agent.seed, o);
    std::set<std::string> tried;
    for (const rt::TrialRecord& t : history)
      tried.insert(rt::canonicalJson(rt::canonicalConfig(spec, t.config)));
    return tpe.topCandidates(history, number, kTpeOptions, tried);
  }
  fs::path dir;
  std::vector<rt::TrialRecord> history;
};

TEST(HybridShare, ChoiceTrialsNeverExceedTheShare) {
  int chosen = 0;
  for (int k = 1; k <= 100; ++k) {
    chosen += isLlmChoiceTrial(3 + k, 4, 0.3);
    EXPECT_LE(chosen, 0.3 * k + 1e-9) << "after " << k << " TPE trials";
    EXPECT_EQ(chosen, static_cast<int>(std::floor(0.3 * k + 1e-9)));
  }
  EXPECT_FALSE(isLlmChoiceTrial(3, 4, 0.3)); // before TPE's first trial
  EXPECT_FALSE(isLlmChoiceTrial(10, 4, 0.0));
  EXPECT_TRUE(isLlmChoiceTrial(4, 4, 1.0));
}

TEST_F(HybridStrategyTest, DefaultThenOneWarmStartCallGivesTwoTrials) {
  rt::StudySpec spec = study(true);
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->answer(kWarm);
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  std::vector<rt::Proposal> ps = agent.propose({}, 1, 3);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].source, "default");
  EXPECT_EQ(ps[0].config, rt::defaultConfig(spec));
  EXPECT_EQ(ps[1].source, "llm");
  EXPECT_EQ(ps[1].config, (rt::Config{{"lr", 0.003}, {"opt", "adam"}}));
  EXPECT_EQ(ps[1].rationale, "A common learning rate for adam.");
  EXPECT_EQ(ps[2].source, "llm");
  EXPECT_EQ(ps[2].config, (rt::Config{{"lr", 0.05}, {"opt", "sgd"}}));
  ASSERT_EQ(script->requests.size(), 1u); // one call, two configurations
  EXPECT_EQ(ps[1].details["llm"][0]["purpose"], "warm-start");
  EXPECT_FALSE(ps[2].details.contains("llm"));
  // The prompt names the default as planned, so the LLM does not repeat it.
  EXPECT_NE(script->requests[0].messages[1].content.find("trial 1: lr=0.001"), std::string::npos)
      << script->requests[0].messages[1].content;
}

TEST_F(HybridStrategyTest, WithoutDeclaredDefaultsTheWarmStartCoversTrialOne) {
  rt::StudySpec spec = study(false);
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->answer(kWarm);
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  EXPECT_EQ(agent.firstWarmTrial(), 1);
  std::vector<rt::Proposal> ps = agent.propose({}, 1, 2);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].source, "llm");
  EXPECT_EQ(ps[1].source, "llm");
  EXPECT_EQ(script->requests.size(), 1u);
}

TEST_F(HybridStrategyTest, ShareOfLlmChoicesIsRespectedOverTwentyTrials) {
  rt::StudySpec spec = study(true);
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  script->answer(kWarm);
  for (int i = 0; i < 20; ++i)
    script->answer(R"({"rationale": "Option A is closest to the best trial.", "choice": "A"})");
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  run(agent, 20);
  int choices = 0, tpe = 0;
  for (const rt::TrialRecord& t : history) {
    choices += t.source == "llm-choice";
    tpe += t.source == "tpe";
    if (t.number >= agent.firstTpeTrial()) {
      int k = t.number - agent.firstTpeTrial() + 1;
      EXPECT_LE(choices, 0.3 * k + 1e-9) << "after trial " << t.number;
    }
  }
  EXPECT_EQ(choices + tpe, 17);
  EXPECT_EQ(choices, 5); // floor(0.3 * 17)
  EXPECT_EQ(script->requests.size(), 1u + 5u);
  // Every TPE trial gives a computed reason naming what moved.
  for (const rt::TrialRecord& t : history) {
    if (t.source == "tpe") {
      EXPECT_NE(t.rationale.find("against the best so far, trial"), std::string::npos)
          << t.rationale;
    }
  }
}

TEST_F(HybridStrategyTest, NoShareMeansNoChoiceCalls) {
  rt::StudySpec spec = study(true);
  spec.agent.llmShare = 0;
  spec.agent.warmStart = 0;
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  run(agent, 8);
  EXPECT_TRUE(script->requests.empty());
  EXPECT_EQ(history[0].source, "default");
  for (std::size_t i = 1; i < history.size(); ++i)
    EXPECT_EQ(history[i].source, "tpe");
}

/// Trials 1..3 (default and warm start), then trial 4 with a choice (share 1).
struct ChoiceTrial : HybridStrategyTest {
  std::vector<rt::Proposal> chooseAt4(const std::string& answer, rt::StudySpec* spec) {
    *spec = study(true);
    spec->agent.llmShare = 1.0;
    auto chat = std::make_unique<ScriptedChat>();
    script = chat.get();
    script->answer(kWarm);
    script->answer(answer);
    agent = std::make_unique<HybridStrategy>(*spec, dir.string(), std::move(chat));
    run(*agent, 3);
    return agent->propose(history, 4, 1);
  }
  ScriptedChat* script = nullptr;
  std::unique_ptr<HybridStrategy> agent;
};

TEST_F(ChoiceTrial, ChoosingBYieldsOptionB) {
  rt::StudySpec spec;
  std::vector<rt::Proposal> ps = chooseAt4(
      R"({"rationale": "Option B explores sgd with a lower rate.", "choice": "B"})", &spec);
  ASSERT_EQ(ps.size(), 1u);
  std::vector<rt::Proposal> options = tpeCandidates(spec, 4);
  ASSERT_EQ(options.size(), 3u);
  EXPECT_EQ(ps[0].source, "llm-choice");
  EXPECT_EQ(ps[0].config, options[1].config);
  EXPECT_EQ(ps[0].details["choice"], "B");
  EXPECT_EQ(ps[0].details["tpe_options"][1]["config"], options[1].config);
  EXPECT_EQ(ps[0].rationale, "Option B explores sgd with a lower rate.");
  // The prompt showed the three options with their scores.
  const std::string& prompt = script->requests.back().messages[1].content;
  EXPECT_NE(prompt.find("- B: "), std::string::npos) << prompt;
  EXPECT_NE(prompt.find("(score "), std::string::npos) << prompt;
}

TEST_F(ChoiceTrial, ARepeatBecomesTpesNextCandidate) {
  rt::StudySpec spec;
  std::vector<rt::Proposal> ps = chooseAt4(
      R"({"rationale": "Back to the default.", "choice": "own", "config": {"lr": 0.001, "opt": "adam"}})",
      &spec);
  ASSERT_EQ(ps.size(), 1u);
  std::vector<rt::Proposal> options = tpeCandidates(spec, 4);
  EXPECT_EQ(ps[0].source, "tpe");
  EXPECT_EQ(ps[0].config, options[0].config);
  EXPECT_EQ(ps[0].rationale.rfind("The LLM's own configuration repeated trial 1", 0), 0u)
      << ps[0].rationale;
}

TEST_F(ChoiceTrial, AnOwnValidConfigurationIsKept) {
  rt::StudySpec spec;
  std::vector<rt::Proposal> ps = chooseAt4(
      R"({"rationale": "Trial 2 was best; halve its rate.", "choice": "own", "config": {"lr": 0.0015, "opt": "adam"}})",
      &spec);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].source, "llm");
  EXPECT_EQ(ps[0].config, (rt::Config{{"lr", 0.0015}, {"opt", "adam"}}));
  EXPECT_EQ(ps[0].rationale, "Trial 2 was best; halve its rate.");
  EXPECT_EQ(ps[0].details["explanation_check"]["passed"], true);
}

TEST_F(ChoiceTrial, AFalseRationaleIsReplacedByTheComputedOne) {
  rt::StudySpec spec;
  std::vector<rt::Proposal> ps =
      chooseAt4(R"({"rationale": "Trial 7 was best, so option A.", "choice": "A"})", &spec);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].source, "llm-choice");
  EXPECT_EQ(ps[0].details["explanation_check"]["passed"], false);
  EXPECT_EQ(ps[0].details["explanation_check"]["rule"], "unknown-trial");
  EXPECT_EQ(ps[0].rationale.rfind("Picked TPE's option A of 3 (log l/g ", 0), 0u)
      << ps[0].rationale;
  EXPECT_NE(ps[0].rationale.find("against the best so far, trial"), std::string::npos);
}

TEST_F(ChoiceTrial, ACutOffRationaleKeepsItsCompleteSentencesWhenTheyAreTrue) {
  rt::StudySpec spec;
  std::vector<rt::Proposal> ps = chooseAt4(
      R"({"rationale": "Option C is the least like trial 1. It also moves the rate furth", "choice": "C"})",
      &spec);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].rationale, "Option C is the least like trial 1.");
  EXPECT_EQ(ps[0].details["explanation_check"]["rule"], "cut-off");
  EXPECT_EQ(ps[0].details["explanation_check"]["shown"], "complete sentences");
}

TEST_F(HybridStrategyTest, AnLlmThatNeverAnswersStopsTheStudy) {
  rt::StudySpec spec = study(true);
  auto chat = std::make_unique<ScriptedChat>(); // every request fails
  ScriptedChat* script = chat.get();
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  EXPECT_EQ(agent.propose({}, 1, 1)[0].source, "default"); // no LLM call needed
  try {
    agent.propose(history, 2, 1);
    FAIL() << "a study whose LLM never answers must stop";
  } catch (const rt::StrategyError& e) {
    EXPECT_EQ(e.exitCode, rt::kRunExitLlmFailed);
  }
  EXPECT_EQ(script->requests.size(), 3u);
}

TEST_F(HybridStrategyTest, OnLlmFailureRandomDrawsInstead) {
  rt::StudySpec spec = study(true);
  spec.agent.onLlmFailure = "random";
  auto chat = std::make_unique<ScriptedChat>();
  ScriptedChat* script = chat.get();
  HybridStrategy agent(spec, dir.string(), std::move(chat));
  run(agent, 3);
  EXPECT_EQ(history[1].source, "random-fallback");
  EXPECT_EQ(history[2].source, "random-fallback");
  EXPECT_EQ(script->requests.size(), 1u); // the warm start is asked once
  EXPECT_FALSE(agent.takeAlerts().empty());
}

} // namespace
} // namespace hpoc::agent
