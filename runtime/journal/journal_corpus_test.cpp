// A generated corpus of damaged journals: every event kind with each field
// replaced by a value of each JSON type, and a real journal cut at every byte.
// Each must load or be refused with a message naming its line; none may throw.
#include "runtime/journal/journal.h"
#include "runtime/journal/study_state.h"
#include "runtime/spec/config_canon.h"
#include "runtime/spec/study_shape.h"
#include "runtime/spec/test_support.h"

#include <gtest/gtest.h>
#include <regex>

using namespace hpoc::rt;
using Json = nlohmann::json;

namespace {

/// The events a two-trial agent run writes, one of each kind.
std::vector<Json> sampleEvents() {
  StudySpec spec = testsupport::smallStudy();
  Json llm = Json::array({{{"purpose", "propose"},
                           {"request", "ab12"},
                           {"cached", false},
                           {"ok", true},
                           {"prompt_tokens", 812},
                           {"completion_tokens", 64},
                           {"seconds", 1.25},
                           {"model", "qwen"},
                           {"local", true}}});
  Json config = {{"lr", 0.01}, {"layers", 2}, {"opt", "adam"}, {"batch", 32}};
  return {
      {{"event", "study"},
       {"time", "2026-12-06T02:00:00Z"},
       {"study", "small"},
       {"protocol", 3},
       {"strategy", "agent"},
       {"shape", studyShape(spec)}},
      {{"event", "proposed"},
       {"time", "t"},
       {"trial", 1},
       {"config", config},
       {"source", "agent"},
       {"rationale", "a warm start"},
       {"details", {{"llm", llm}}}},
      {{"event", "finished"},
       {"time", "t"},
       {"trial", 1},
       {"id", "f00d"},
       {"status", "ok"},
       {"metric", 0.91},
       {"reason", ""},
       {"seconds", 3.5},
       {"seal", "5ea1"},
       {"stderr_tail", ""}},
      {{"event", "note"},
       {"time", "t"},
       {"trial", 1},
       {"id", "f00d"},
       {"verdict", "fine"},
       {"analysis", "converged"},
       {"details", {{"llm", llm}}}},
      {{"event", "invalidated"}, {"time", "t"}, {"trial", 1}, {"id", "f00d"}, {"reason", "seal"}},
      {{"event", "summary"},
       {"time", "t"},
       {"summary", "lr matters"},
       {"influence", Json::array({Json::array({"lr", "strong"})})},
       {"next", {"wider lr"}},
       {"details", {{"llm", llm}}}},
      {{"event", "run"}, {"time", "t"}, {"seconds", 9.5}, {"trials_run", 1}},
  };
}

std::string journalText(const std::vector<Json>& events) {
  std::string text;
  for (const Json& e : events)
    text += e.dump() + "\n";
  return text;
}

/// Everything the runner does with a loaded journal before it trains.
bool loadAndReplay(const std::string& text, std::string* err, std::size_t* loaded = nullptr) {
  StudySpec spec = testsupport::smallStudy();
  std::vector<Json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  if (!parseJournal(text, "journal.jsonl", &events, &valid, &info, err))
    return false;
  if (loaded)
    *loaded = events.size();
  StudyState state;
  if (!replayJournal(events, "journal.jsonl", &state, err, info.eventLines))
    return false;
  if (!state.shape.is_null())
    describeShapeChange(state.shape, studyShape(spec));
  return checkReplayedConfigs(spec, state, "journal.jsonl", err);
}

/// One value of each JSON type.
std::vector<Json> valuesOfEveryType() {
  return {Json(),
          Json(true),
          Json(7),
          Json(-7),
          Json(1.5),
          Json("1"),
          Json::array({1, "a"}),
          Json::object({{"k", 1}}),
          Json(18446744073709551615ull)};
}

/// The JSON pointers to every value inside `j` (objects and arrays included).
void pointers(const Json& j, const Json::json_pointer& at, std::vector<Json::json_pointer>* out) {
  if (!at.empty())
    out->push_back(at);
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it)
      pointers(it.value(), at / it.key(), out);
  else if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      pointers(j[i], at / i, out);
}

const std::regex kLineMessage(R"(journal\.jsonl: ?(line )?[0-9]+)");

} // namespace

TEST(JournalCorpus, EveryFieldOfEveryKindWithEveryTypeLoadsOrIsRefused) {
  const std::vector<Json> base = sampleEvents();
  std::string err;
  ASSERT_TRUE(loadAndReplay(journalText(base), &err)) << err;
  int refused = 0, cases = 0;
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::vector<Json::json_pointer> fields;
    pointers(base[i], Json::json_pointer(), &fields);
    for (const Json::json_pointer& field : fields) {
      for (const Json& value : valuesOfEveryType()) {
        std::vector<Json> events = base;
        events[i][field] = value;
        // The damaged line in the middle, and as the last complete line.
        for (bool last : {false, true}) {
          std::vector<Json> order = events;
          if (last)
            std::rotate(order.begin() + static_cast<long>(i),
                        order.begin() + static_cast<long>(i) + 1, order.end());
          ++cases;
          bool ok = true;
          EXPECT_NO_THROW(ok = loadAndReplay(journalText(order), &err))
              << base[i]["event"] << " " << field.to_string() << " = " << value.dump();
          if (!ok) {
            ++refused;
            EXPECT_TRUE(std::regex_search(err, kLineMessage)) << err;
          }
        }
      }
    }
  }
  EXPECT_GT(cases, 1000);
  EXPECT_GT(refused, cases / 2);
}

TEST(JournalCorpus, ARealJournalCutAtEveryByteLoadsItsCompleteLines) {
  const std::vector<Json> events = sampleEvents();
  const std::string text = journalText(events);
  for (std::size_t n = 0; n <= text.size(); ++n) {
    std::string cut = text.substr(0, n), err;
    std::size_t complete = static_cast<std::size_t>(std::count(cut.begin(), cut.end(), '\n'));
    std::size_t loaded = 0;
    bool ok = false;
    EXPECT_NO_THROW(ok = loadAndReplay(cut, &err, &loaded)) << "cut at " << n;
    // A journal cut before its `study` line replays to no shape: still no throw.
    EXPECT_TRUE(ok) << "cut at " << n << ": " << err;
    EXPECT_EQ(loaded, complete) << "cut at " << n;
  }
}

TEST(JournalCorpus, AWrongTypedTrialNumberIsRefusedWithItsLine) {
  std::vector<Json> events = sampleEvents();
  events[1]["trial"] = "1";
  std::string err;
  EXPECT_FALSE(loadAndReplay(journalText(events), &err));
  EXPECT_NE(
      err.find("journal.jsonl:2: a 'proposed' event whose 'trial' is string, not a whole number"),
      std::string::npos)
      << err;
}

TEST(JournalCorpus, AReplayedConfigOutsideTheSpaceIsRefused) {
  std::vector<Json> events = sampleEvents();
  events[1]["config"]["lr"] = 99;
  std::string err;
  EXPECT_FALSE(loadAndReplay(journalText(events), &err));
  EXPECT_NE(err.find("journal.jsonl: line 2: trial 1 was proposed with a configuration outside"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("'lr'"), std::string::npos) << err;
}
