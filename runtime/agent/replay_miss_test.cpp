#include "runtime/agent/replay_miss.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

namespace fs = std::filesystem;

nlohmann::json body(const std::string& schema, const std::string& user, int seed,
                    int extraMessages = 0) {
  nlohmann::json messages = {{{"role", "system"}, {"content", "s"}},
                             {{"role", "user"}, {"content", user}}};
  for (int i = 0; i < extraMessages; ++i)
    messages.push_back({{"role", "user"}, {"content", "again"}});
  return {{"model", "m"},
          {"messages", messages},
          {"seed", seed},
          {"temperature", 0.2},
          {"response_format", {{"type", "json_schema"}, {"json_schema", {{"name", schema}}}}}};
}

TEST(ReplayMiss, PurposeComesFromTheAnswerSchema) {
  EXPECT_EQ(requestPurpose(body("proposal", "x", 1)), "propose");
  EXPECT_EQ(requestPurpose(body("proposal", "x", 1, 2)), "repair");
  EXPECT_EQ(requestPurpose(body("analysis", "x", 1)), "analyse");
  EXPECT_EQ(requestPurpose(body("report", "x", 1)), "report");
  EXPECT_EQ(requestPurpose(nlohmann::json::object()), "request");
}

TEST(ReplayMiss, FirstDifferenceNamesTheFieldAndTheLine) {
  nlohmann::json a = body("analysis", "Trial 3\nOutcome: ok: loss 0.5 in 1.224 s\nEnd", 4);
  nlohmann::json b = body("analysis", "Trial 3\nOutcome: ok: loss 0.5\nEnd", 4);
  EXPECT_EQ(firstDifference(a, b), "messages[1].content, line 2: cached \"Outcome: ok: loss 0.5 in "
                                   "1.224 s\", now \"Outcome: ok: loss 0.5\"");
  EXPECT_EQ(firstDifference(a, a), "");
  nlohmann::json c = a;
  c["model"] = "other";
  EXPECT_EQ(firstDifference(a, c), "model: cached \"m\", now \"other\"");
  c["temperature"] = 0.7;
  EXPECT_EQ(firstDifference(a, c), "model: cached \"m\", now \"other\" (and 1 more field)");
}

TEST(ReplayMiss, NamesTheRequestAndItsNearestCachedNeighbour) {
  fs::path dir = fs::temp_directory_path() / ("hpoc-replay-miss-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  EXPECT_NE(describeReplayMiss(dir.string(), body("proposal", "x", 13), "abcdef0123456789", 10)
                .find("the propose request of trial 3 is not in " + dir.string() +
                      " (key abcdef012345); --replay asks no LLM; the cache holds no request"),
            std::string::npos);
  fs::create_directories(dir);
  auto put = [&](const std::string& name, const nlohmann::json& request) {
    std::ofstream(dir / name)
        << nlohmann::json{{"request", request}, {"response", {{"content", "{}"}}}}.dump();
  };
  put("a.json", body("proposal", "history\nrow 1\nrow 2", 13));
  put("b.json", body("analysis", "history\nrow 1\nrow 2", 13));
  put("c.json", body("proposal", "something else entirely", 99));
  std::ofstream(dir / "d.json") << "{damaged";
  std::string m =
      describeReplayMiss(dir.string(), body("proposal", "history\nrow 1\nrow 9", 13), "ffff", 10);
  EXPECT_NE(m.find("the nearest cached request (a.json, purpose propose) differs in "
                   "messages[1].content, line 3: cached \"row 2\", now \"row 9\""),
            std::string::npos)
      << m;
  EXPECT_NE(describeReplayMiss(dir.string(), body("report", "r", 1), "ffff", 10)
                .find("the report request is not in"),
            std::string::npos);
  fs::remove_all(dir);
}

} // namespace
} // namespace hpoc::agent
