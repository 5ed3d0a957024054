#include "runtime/journal/journal.h"
#include "runtime/journal/study_state.h"
#include "runtime/spec/test_support.h"
#include "runtime/support/file_util.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(Journal, AppendsAndReloads) {
  testsupport::TempDir dir;
  std::string path = dir.file("journal.jsonl"), err;
  {
    std::vector<nlohmann::json> events;
    Journal::LoadInfo info;
    auto j = Journal::open(path, &events, &info, &err);
    ASSERT_TRUE(j) << err;
    EXPECT_TRUE(events.empty());
    ASSERT_TRUE(j->append({{"event", "study"}}, &err));
    ASSERT_TRUE(j->append({{"event", "proposed"}, {"trial", 1}}, &err));
  }
  std::vector<nlohmann::json> events;
  Journal::LoadInfo info;
  auto j = Journal::open(path, &events, &info, &err);
  ASSERT_TRUE(j) << err;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1]["trial"], 1);
  EXPECT_FALSE(info.droppedTail);
}

TEST(Journal, SecondOpenIsRefusedWhileLocked) {
  testsupport::TempDir dir;
  std::string path = dir.file("journal.jsonl"), err;
  std::vector<nlohmann::json> events;
  Journal::LoadInfo info;
  auto first = Journal::open(path, &events, &info, &err);
  ASSERT_TRUE(first);
  auto second = Journal::open(path, &events, &info, &err);
  EXPECT_FALSE(second);
  EXPECT_NE(err.find("another runner"), std::string::npos) << err;
  first.reset();
  EXPECT_TRUE(Journal::open(path, &events, &info, &err)) << err;
}

TEST(Journal, TruncatedLastLineIsIgnoredAndCut) {
  testsupport::TempDir dir;
  std::string path = dir.file("journal.jsonl"), err;
  ASSERT_TRUE(writeFileAtomic(path, "{\"event\":\"study\"}\n{\"event\":\"propo", &err));
  std::vector<nlohmann::json> events;
  Journal::LoadInfo info;
  auto j = Journal::open(path, &events, &info, &err);
  ASSERT_TRUE(j) << err;
  EXPECT_EQ(events.size(), 1u);
  EXPECT_TRUE(info.droppedTail);
  ASSERT_TRUE(j->append({{"event", "proposed"}, {"trial", 1}}, &err));
  std::string text;
  ASSERT_TRUE(readFile(path, &text, &err));
  EXPECT_EQ(text, "{\"event\":\"study\"}\n{\"event\":\"proposed\",\"trial\":1}\n");
}

TEST(Journal, DamagedLineFollowedByEventsIsAnError) {
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  std::string err;
  EXPECT_FALSE(parseJournal("{\"event\":\"a\"}\n{garbage\n{\"event\":\"b\"}\n", "j", &events,
                            &valid, &info, &err));
  EXPECT_NE(err.find("j:2: not valid JSON"), std::string::npos) << err;
  EXPECT_NE(err.find("Nothing was changed"), std::string::npos) << err;
}

TEST(Journal, ParsesTenThousandTrialsQuickly) {
  std::string text = "{\"event\":\"study\"}\n";
  for (int k = 1; k <= 10000; ++k) {
    text += "{\"event\":\"proposed\",\"trial\":" + std::to_string(k) +
            ",\"config\":{\"lr\":0.001234,\"layers\":3,\"opt\":\"adam\"},\"source\":\"random\","
            "\"rationale\":\"uniform random draw (seed 1, trial 5)\"}\n";
    text += "{\"event\":\"finished\",\"trial\":" + std::to_string(k) +
            ",\"id\":\"4986bb6f8dd2ce3d1724920662d0f0f29caf0520e90bcef232885b3a7811cb3c\","
            "\"status\":\"ok\",\"metric\":0.9123,\"seconds\":1.234,\"seal\":\"abc\"}\n";
  }
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  std::string err;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(parseJournal(text, "j", &events, &valid, &info, &err)) << err;
  StudyState state;
  ASSERT_TRUE(replayJournal(events, "j", &state, &err)) << err;
  EXPECT_EQ(state.trials.size(), 10000u);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("load_seconds_10000_trials", std::to_string(secs));
  std::printf(
      "journal with 10,000 trials (20,001 events, %zu bytes) parsed and replayed in %.3f s\n",
      text.size(), secs);
  EXPECT_EQ(events.size(), 20001u);
  EXPECT_LT(secs, 2.0);
}

namespace {
/// Writes `text` as a journal, opens it, and returns the file's bytes afterwards.
std::string openAndReadBack(const std::string& text, bool* opened, std::string* err) {
  testsupport::TempDir dir;
  std::string path = dir.file("journal.jsonl"), after, ignored;
  writeFileAtomic(path, text, &ignored);
  std::vector<nlohmann::json> events;
  Journal::LoadInfo info;
  *opened = Journal::open(path, &events, &info, err) != nullptr;
  readFile(path, &after, &ignored);
  return after;
}
} // namespace

TEST(Journal, AWrongTypedMiddleLineIsRefusedWithItsLineAndTheFileIsKept) {
  std::string text =
      "{\"event\":\"study\"}\n{\"event\":\"proposed\",\"trial\":\"1\",\"config\":{}}\n"
      "{\"event\":\"run\",\"seconds\":1}\n";
  bool opened = true;
  std::string err;
  EXPECT_EQ(openAndReadBack(text, &opened, &err), text);
  EXPECT_FALSE(opened);
  EXPECT_NE(
      err.find("journal.jsonl:2: a 'proposed' event whose 'trial' is string, not a whole number"),
      std::string::npos)
      << err;
}

TEST(Journal, ACompleteLastLineWithInvalidUtf8IsRefusedNotDeleted) {
  std::string text =
      "{\"event\":\"study\"}\n{\"event\":\"note\",\"trial\":1,\"analysis\":\"\xff\"}\n";
  bool opened = true;
  std::string err;
  EXPECT_EQ(openAndReadBack(text, &opened, &err), text);
  EXPECT_FALSE(opened);
  EXPECT_NE(err.find("journal.jsonl:2: not valid JSON"), std::string::npos) << err;
  EXPECT_NE(err.find("\\xff"), std::string::npos) << err; // shown, not copied raw
}

TEST(Journal, EveryDamagedLineIsNamed) {
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  std::string err;
  EXPECT_FALSE(parseJournal(
      "{\"event\":1}\n{\"event\":\"run\"}\n[]\n{\"event\":\"run\",\"seconds\":\"2\"}\n", "j",
      &events, &valid, &info, &err));
  EXPECT_NE(err.find("j:1: 'event' is number, not a string"), std::string::npos) << err;
  EXPECT_NE(err.find("j:3: the line is array, not an event object"), std::string::npos) << err;
  EXPECT_NE(err.find("j:4: a 'run' event whose 'seconds' is string, not a number"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("3 complete lines are not valid events"), std::string::npos) << err;
  EXPECT_TRUE(events.empty());
}

TEST(Journal, ANumberBeyondADoubleIsADamagedLineNotACrash) {
  // Found by the journal fuzzer: nlohmann reports it as out_of_range, not parse_error.
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  std::string err;
  EXPECT_FALSE(parseJournal("{\"event\":\"run\",\"seconds\":1e999999999}\n", "j", &events, &valid,
                            &info, &err));
  EXPECT_NE(err.find("j:1: not valid JSON: number overflow"), std::string::npos) << err;
}
