#include "runtime/journal/study_state.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(StudyState, ReplaysProposalsResultsAndInvalidations) {
  std::vector<nlohmann::json> events = {
      {{"event", "study"}, {"shape", {{"space", nlohmann::json::array()}}}, {"strategy", "random"}},
      {{"event", "proposed"}, {"trial", 1}, {"config", {{"x", 1}}}, {"source", "random"}},
      {{"event", "proposed"}, {"trial", 2}, {"config", {{"x", 2}}}, {"source", "random"}},
      {{"event", "finished"},
       {"trial", 1},
       {"id", "A"},
       {"status", "ok"},
       {"metric", 0.5},
       {"seal", "s1"}},
      {{"event", "finished"},
       {"trial", 2},
       {"id", "B"},
       {"status", "failed"},
       {"reason", "exit code 1"}},
      {{"event", "invalidated"}, {"trial", 1}, {"id", "A"}},
      {{"event", "run"}, {"seconds", 2.5}},
      {{"event", "from-the-future"}}};
  StudyState s;
  std::string err;
  ASSERT_TRUE(replayJournal(events, "j", &s, &err)) << err;
  ASSERT_EQ(s.trials.size(), 2u);
  EXPECT_EQ(s.trials[0].status, "");
  EXPECT_FALSE(s.trials[0].metric);
  EXPECT_EQ(s.trials[1].status, "failed");
  EXPECT_EQ(s.trials[1].errorTail, "exit code 1");
  EXPECT_DOUBLE_EQ(s.recordedSeconds, 2.5);
  EXPECT_EQ(s.strategyAtStart, "random");
}

TEST(StudyState, ContradictionsAreErrors) {
  StudyState s;
  std::string err;
  EXPECT_FALSE(replayJournal({{{"event", "proposed"}, {"trial", 2}}}, "j", &s, &err));
  EXPECT_NE(err.find("j: event 1"), std::string::npos) << err;
  StudyState t;
  EXPECT_FALSE(replayJournal({{{"event", "finished"}, {"trial", 1}}}, "j", &t, &err));
}

namespace hpoc::rt {
namespace {
TEST(StudyState, LlmExchangesAreTalliedFromEvents) {
  LlmTally t;
  tallyLlm({{"event", "proposed"},
            {"details",
             {{"llm",
               {{{"ok", true},
                 {"cached", false},
                 {"prompt_tokens", 100},
                 {"completion_tokens", 20},
                 {"seconds", 1.5},
                 {"model", "m"},
                 {"local", true}},
                {{"ok", false}, {"cached", false}},
                {{"ok", true}, {"cached", true}, {"prompt_tokens", 100}, {"local", true}}}}}}},
           &t);
  tallyLlm({{"event", "finished"}}, &t);
  EXPECT_EQ(t.calls, 1);
  EXPECT_EQ(t.cachedCalls, 1);
  EXPECT_EQ(t.failedCalls, 1);
  EXPECT_EQ(t.promptTokens, 100);
  EXPECT_EQ(t.completionTokens, 20);
  EXPECT_DOUBLE_EQ(t.seconds, 1.5);
  EXPECT_TRUE(t.allLocal);
  EXPECT_EQ(t.models.count("m"), 1u);
}

TEST(StudyState, AReplayNamesTheModelItsCachedAnswersCameFrom) {
  LlmTally t;
  tallyLlm({{"event", "proposed"},
            {"details",
             {{"llm",
               {{{"ok", true},
                 {"cached", true},
                 {"prompt_tokens", 100},
                 {"model", "m"},
                 {"local", false}}}}}}},
           &t);
  EXPECT_EQ(t.calls, 0);
  EXPECT_EQ(t.cachedCalls, 1);
  EXPECT_EQ(t.promptTokens, 0);
  EXPECT_EQ(t.models.count("m"), 1u);
  EXPECT_FALSE(t.allLocal);
}
} // namespace
} // namespace hpoc::rt
