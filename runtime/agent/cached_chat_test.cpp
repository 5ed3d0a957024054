#include "runtime/agent/cached_chat.h"
#include "runtime/agent/replay_miss.h"
#include "runtime/llm/fake_http_server.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace hpoc::agent {
namespace {

namespace fs = std::filesystem;

struct CachedChatTest : ::testing::Test {
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("hpoc-cache-test-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    config.base_url = server.url() + "/v1";
    config.model = "m";
    config.max_attempts = 1;
    config.api_key = llm::ApiKey("sk-CANARY-do-not-store");
  }
  void TearDown() override { fs::remove_all(dir); }

  llm::ChatRequest request(const std::string& text) {
    llm::ChatRequest r;
    r.messages = {{"user", text}};
    r.temperature = 0.2;
    return r;
  }

  llm::testing::FakeHttpServer server;
  llm::EndpointConfig config;
  fs::path dir;
  int connects = 0;
  ChatConnector connector(llm::ChatClient* client) {
    return [this, client](std::string* err) {
      ++connects;
      if (!client)
        *err = "no LLM here";
      return client;
    };
  }
};

TEST_F(CachedChatTest, SecondIdenticalRequestIsAnsweredFromTheCache) {
  server.enqueue({200, {}, llm::testing::chatCompletionBody("{\"a\": 1}")});
  llm::ChatClient client(config);
  CachedChat chat(dir.string(), config, connector(&client));
  llm::ChatResult r1, r2;
  llm::ChatError e;
  LlmExchange x1, x2;
  ASSERT_TRUE(chat.complete(request("hello"), &r1, &e, &x1)) << e.message;
  ASSERT_TRUE(chat.complete(request("hello"), &r2, &e, &x2));
  EXPECT_EQ(server.requestCount(), 1u);
  EXPECT_FALSE(x1.cached);
  EXPECT_TRUE(x2.cached);
  EXPECT_EQ(r1.content, r2.content);
  EXPECT_EQ(x1.requestHash, x2.requestHash);
  EXPECT_EQ(x2.promptTokens, 12);
}

TEST_F(CachedChatTest, ReplaysWithNoLlmReachableAndNeverConnects) {
  {
    server.enqueue({200, {}, llm::testing::chatCompletionBody("answer")});
    llm::ChatClient client(config);
    CachedChat warm(dir.string(), config, connector(&client));
    llm::ChatResult r;
    llm::ChatError e;
    LlmExchange x;
    ASSERT_TRUE(warm.complete(request("q"), &r, &e, &x));
  }
  connects = 0;
  CachedChat cold(dir.string(), config, connector(nullptr));
  llm::ChatResult r;
  llm::ChatError e;
  LlmExchange x;
  ASSERT_TRUE(cold.complete(request("q"), &r, &e, &x));
  EXPECT_EQ(r.content, "answer");
  EXPECT_EQ(connects, 0);
  // A new request needs the LLM, which is not there: a clear error, once.
  EXPECT_FALSE(cold.complete(request("other"), &r, &e, &x));
  EXPECT_EQ(e.kind, llm::ChatErrorKind::Connection);
  EXPECT_EQ(e.message, "no LLM here");
  EXPECT_FALSE(cold.complete(request("other2"), &r, &e, &x));
  EXPECT_EQ(connects, 1);
}

TEST_F(CachedChatTest, KeyChangesWithThePromptAndIgnoresTheKey) {
  CachedChat chat(dir.string(), config, connector(nullptr));
  llm::EndpointConfig other = config;
  other.api_key = llm::ApiKey("sk-another");
  CachedChat chat2(dir.string(), other, connector(nullptr));
  EXPECT_EQ(chat.keyOf(request("a")), chat2.keyOf(request("a")));
  EXPECT_NE(chat.keyOf(request("a")), chat.keyOf(request("b")));
}

TEST_F(CachedChatTest, CacheFilesNeverHoldTheKeyAndDamagedEntriesAreMisses) {
  server.enqueue({200, {}, llm::testing::chatCompletionBody("x")});
  server.enqueue({200, {}, llm::testing::chatCompletionBody("y")});
  llm::ChatClient client(config);
  CachedChat chat(dir.string(), config, connector(&client));
  llm::ChatResult r;
  llm::ChatError e;
  LlmExchange x;
  ASSERT_TRUE(chat.complete(request("q"), &r, &e, &x));
  for (const auto& f : fs::directory_iterator(dir)) {
    std::ifstream in(f.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find("CANARY"), std::string::npos);
    std::ofstream(f.path(), std::ios::trunc) << "{\"response\": tru";
  }
  ASSERT_TRUE(chat.complete(request("q"), &r, &e, &x));
  EXPECT_FALSE(x.cached);
  EXPECT_EQ(r.content, "y");
}

TEST_F(CachedChatTest, KeyIgnoresWhereTheLlmIs) {
  // Another machine reaches the same model at another address: the same keys.
  CachedChat chat(dir.string(), config, connector(nullptr));
  llm::EndpointConfig elsewhere = config;
  elsewhere.base_url = "http://127.0.0.1:1/v1";
  CachedChat chat2(dir.string(), elsewhere, connector(nullptr));
  EXPECT_EQ(chat.keyOf(request("a")), chat2.keyOf(request("a")));
}

TEST_F(CachedChatTest, StrictReplayStopsAtAMissWithoutReachingTheLlm) {
  auto proposal = [this](const std::string& history, int seed) {
    llm::ChatRequest r = request("# Trials so far\n" + history + "\n# Your answer");
    r.messages.insert(r.messages.begin(), llm::ChatMessage{"system", "You are the Creator."});
    r.seed = seed;
    r.response_schema = llm::ResponseSchema{"proposal", {{"type", "object"}}, true};
    return r;
  };
  {
    server.enqueue({200, {}, llm::testing::chatCompletionBody("{}")});
    llm::ChatClient client(config);
    CachedChat warm(dir.string(), config, connector(&client));
    llm::ChatResult r;
    llm::ChatError e;
    LlmExchange x;
    ASSERT_TRUE(warm.complete(proposal("| 1 | x=0.5 | 0.9 | ok in 1.2 s |", 7 + 2), &r, &e, &x));
  }
  llm::ChatClient client(config);
  CachedChat strict(dir.string(), config, connector(&client));
  strict.requireCachedAnswers(7);
  llm::ChatResult r;
  llm::ChatError e;
  LlmExchange x;
  EXPECT_TRUE(strict.complete(proposal("| 1 | x=0.5 | 0.9 | ok in 1.2 s |", 9), &r, &e, &x));
  EXPECT_TRUE(x.cached);
  connects = 0;
  try {
    strict.complete(proposal("| 1 | x=0.5 | 0.9 | ok in 0.8 s |", 9), &r, &e, &x);
    FAIL() << "a miss in a strict replay must stop the run";
  } catch (const ReplayMiss& miss) {
    std::string m = miss.what();
    EXPECT_NE(m.find("the propose request of trial 2 is not in"), std::string::npos) << m;
    EXPECT_NE(m.find("differs in messages[1].content, line 2: cached \"| 1 | x=0.5 | 0.9 | ok in "
                     "1.2 s |\", now \"| 1 | x=0.5 | 0.9 | ok in 0.8 s |\""),
              std::string::npos)
        << m;
  }
  EXPECT_EQ(connects, 0);
  EXPECT_EQ(server.requestCount(), 1u); // only the warm-up's
}

TEST_F(CachedChatTest, AnEntryWithAFieldOfTheWrongTypeIsAMiss) {
  server.enqueue({200, {}, llm::testing::chatCompletionBody("x")});
  server.enqueue({200, {}, llm::testing::chatCompletionBody("y")});
  llm::ChatClient client(config);
  CachedChat chat(dir.string(), config, connector(&client));
  llm::ChatResult r;
  llm::ChatError e;
  LlmExchange x;
  ASSERT_TRUE(chat.complete(request("q"), &r, &e, &x));
  for (const auto& f : fs::directory_iterator(dir)) {
    std::ifstream in(f.path());
    nlohmann::json entry = nlohmann::json::parse(in);
    entry["response"]["prompt_tokens"] = "ten";
    std::ofstream(f.path(), std::ios::trunc) << entry.dump();
  }
  ASSERT_NO_THROW(chat.complete(request("q"), &r, &e, &x));
  EXPECT_FALSE(x.cached);
  EXPECT_EQ(r.content, "y");
}

} // namespace
} // namespace hpoc::agent
