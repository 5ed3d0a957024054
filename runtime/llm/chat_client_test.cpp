#include "runtime/llm/chat_client.h"
#include "runtime/llm/fake_http_server.h"
#include "runtime/llm/local_server.h"

#include <gtest/gtest.h>

namespace hpoc::llm {
namespace {

using std::chrono::milliseconds;
using testing::CannedResponse;
using testing::chatCompletionBody;
using testing::FakeHttpServer;

const std::string kAnswer = R"({"config":{"learning_rate":0.01},"rationale":"r"})";

/// Records the waits instead of sleeping, with a fixed jitter of 0.5.
struct RecordingClock {
  std::vector<milliseconds> sleeps;
  RetryClock clock() {
    RetryClock c = RetryClock::system();
    c.sleep = [this](milliseconds d) { sleeps.push_back(d); };
    c.jitter = [] { return 0.5; };
    return c;
  }
};

EndpointConfig configFor(const std::string& url) {
  EndpointConfig config;
  config.base_url = url + "/v1";
  config.model = "test-model";
  config.max_attempts = 3;
  config.request_timeout = milliseconds(5'000);
  return config;
}

ChatRequest proposalRequest() {
  ChatRequest req;
  req.messages = {{"system", "be brief"}, {"user", "propose"}};
  req.temperature = 0.3;
  req.seed = 7;
  req.max_tokens = 64;
  req.response_schema = ResponseSchema{"proposal", {{"type", "object"}}, true};
  return req;
}

TEST(ChatClientTest, SuccessRecordsContentUsageAndRequestId) {
  FakeHttpServer server;
  server.enqueue({200, {{"X-Request-Id", "req-123"}}, chatCompletionBody(kAnswer, "stop", 30, 11)});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  ASSERT_TRUE(client.complete(proposalRequest(), &result, &error)) << error.message;
  EXPECT_EQ(result.content, kAnswer);
  EXPECT_EQ(result.finish_reason, "stop");
  EXPECT_EQ(result.usage.prompt_tokens, 30);
  EXPECT_EQ(result.usage.completion_tokens, 11);
  EXPECT_EQ(result.request_id, "req-123");
  EXPECT_EQ(result.model, "test-model");
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(result.http_status, 200);
  EXPECT_FALSE(result.timings.has_value());
  EXPECT_TRUE(rc.sleeps.empty());

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v1/chat/completions");
  EXPECT_EQ(requests[0].headers.count("authorization"), 0u);
  auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["model"], "test-model");
  EXPECT_EQ(body["messages"][1]["content"], "propose");
  EXPECT_EQ(body["temperature"], 0.3);
  EXPECT_EQ(body["seed"], 7);
  EXPECT_EQ(body["max_tokens"], 64);
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
  EXPECT_EQ(body["response_format"]["json_schema"]["name"], "proposal");
  EXPECT_EQ(body["response_format"]["json_schema"]["strict"], true);
  EXPECT_EQ(body["response_format"]["json_schema"]["schema"]["type"], "object");
}

TEST(ChatClientTest, ReadsLlamaServerTimingsAndFallsBackToBodyId) {
  FakeHttpServer server;
  auto body = nlohmann::json::parse(chatCompletionBody(kAnswer));
  body["timings"] = {{"prompt_n", 100},
                     {"prompt_ms", 2000.0},
                     {"cache_n", 5},
                     {"predicted_n", 50},
                     {"predicted_ms", 5000.0}};
  server.enqueue({200, {}, body.dump()});
  ChatClient client(configFor(server.url()));
  ChatResult result;
  ChatError error;
  ASSERT_TRUE(client.complete(proposalRequest(), &result, &error)) << error.message;
  ASSERT_TRUE(result.timings.has_value());
  EXPECT_DOUBLE_EQ(result.timings->promptPerSecond(), 50.0);
  EXPECT_DOUBLE_EQ(result.timings->predictedPerSecond(), 10.0);
  EXPECT_EQ(result.timings->cached_tokens, 5);
  EXPECT_EQ(result.request_id, "chatcmpl-test");
}

TEST(ChatClientTest, ApiKeyGoesOnlyIntoTheAuthorizationHeader) {
  FakeHttpServer server;
  server.enqueue({401, {}, R"({"error":{"message":"Incorrect API key provided: sk-secret-123"}})"});
  EndpointConfig config = configFor(server.url());
  config.api_key = ApiKey("sk-secret-123");
  ChatClient client(config);
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Client);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers["authorization"], "Bearer sk-secret-123");
  EXPECT_EQ(requests[0].body.find("sk-secret"), std::string::npos);
  EXPECT_EQ(error.message.find("sk-secret"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("***"), std::string::npos) << error.message;
  EXPECT_EQ(client.config().describe().find("sk-secret"), std::string::npos);
}

TEST(ChatClientTest, AKeyStraddlingTheCutOfAnErrorBodyIsMaskedWhole) {
  const std::string key = "sk-CANARY-7f3a9";
  // Not JSON, so the body itself is quoted, cut at 300 bytes; the key spans bytes 291-306.
  std::string body = std::string(284, 'x') + "Bearer " + key + " was refused";
  FakeHttpServer server;
  server.enqueue({401, {}, body});
  EndpointConfig config = configFor(server.url());
  config.api_key = ApiKey(key);
  ChatClient client(config);
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.message.find("sk-CAN"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("Bearer ***"), std::string::npos) << error.message;
}

TEST(ChatClientTest, AKeyTheServerEchoesInItsAnswerIsMasked) {
  const std::string key = "sk-CANARY-7f3a9";
  FakeHttpServer server;
  server.enqueue({200,
                  {{"x-request-id", key}},
                  chatCompletionBody(R"({"rationale":"your key is )" + key + R"("})")});
  server.enqueue({200, {}, "not json, but the key " + key + " is here"});
  EndpointConfig config = configFor(server.url());
  config.api_key = ApiKey(key);
  ChatClient client(config);
  ChatResult result;
  ChatError error;
  ASSERT_TRUE(client.complete(proposalRequest(), &result, &error)) << error.message;
  EXPECT_EQ(result.content, R"({"rationale":"your key is ***"})");
  EXPECT_EQ(result.request_id, "***");
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.message.find("CANARY"), std::string::npos) << error.message;
}

TEST(ChatClientTest, RedactionCoversTheKeysEscapedForms) {
  ApiKey key("sk-a/b\\c");
  EXPECT_EQ(redactKey("raw sk-a/b\\c json sk-a/b\\\\c url sk-a%2Fb%5Cc", key),
            "raw *** json *** url ***");
}

TEST(ChatClientTest, MalformedBodyIsABadResponseAndNotRetried) {
  FakeHttpServer server;
  server.enqueue({200, {}, "{\"choices\": [ {\"message\": "});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::BadResponse);
  EXPECT_NE(error.message.find("not a JSON object"), std::string::npos) << error.message;
  EXPECT_EQ(server.requestCount(), 1u);
}

TEST(ChatClientTest, BodyWithoutChoicesIsABadResponse) {
  FakeHttpServer server;
  server.enqueue({200, {}, R"({"id":"x","choices":[]})"});
  ChatClient client(configFor(server.url()));
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::BadResponse);
  EXPECT_NE(error.message.find("no choices"), std::string::npos);
}

TEST(ChatClientTest, RateLimitHonoursRetryAfterThenSucceeds) {
  FakeHttpServer server;
  server.enqueue({429, {{"Retry-After", "2"}}, R"({"error":{"message":"slow down"}})"});
  server.enqueue({200, {}, chatCompletionBody(kAnswer)});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  ASSERT_TRUE(client.complete(proposalRequest(), &result, &error)) << error.message;
  EXPECT_EQ(result.attempts, 2);
  ASSERT_EQ(rc.sleeps.size(), 1u);
  EXPECT_EQ(rc.sleeps[0], milliseconds(2'000));
  EXPECT_EQ(server.requestCount(), 2u);
}

TEST(ChatClientTest, RetryAfterBeyondTheCapFailsWithoutWaiting) {
  FakeHttpServer server;
  server.enqueue({429, {{"Retry-After", "3600"}}, R"({"error":{"message":"quota"}})"});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::RateLimited);
  EXPECT_TRUE(rc.sleeps.empty());
  EXPECT_EQ(server.requestCount(), 1u);
}

TEST(ChatClientTest, ServerErrorIsRetriedWithBackoffThenSucceeds) {
  FakeHttpServer server;
  server.enqueue({500, {}, R"({"error":{"message":"boom"}})"});
  server.enqueue({503, {}, R"({"error":{"message":"busy"}})"});
  server.enqueue({200, {}, chatCompletionBody(kAnswer)});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  ASSERT_TRUE(client.complete(proposalRequest(), &result, &error)) << error.message;
  EXPECT_EQ(result.attempts, 3);
  ASSERT_EQ(rc.sleeps.size(), 2u);
  // base 500 ms, doubled per attempt, jitter 0.5 -> 75% of the raw delay.
  EXPECT_EQ(rc.sleeps[0], milliseconds(375));
  EXPECT_EQ(rc.sleeps[1], milliseconds(750));
}

TEST(ChatClientTest, ServerErrorGivesUpAfterMaxAttempts) {
  FakeHttpServer server; // the fallback answers 500 to everything
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Server);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(result.http_status, 500);
  EXPECT_EQ(server.requestCount(), 3u);
  EXPECT_EQ(rc.sleeps.size(), 2u);
  EXPECT_NE(error.message.find("after 3 attempts"), std::string::npos) << error.message;
}

TEST(ChatClientTest, BadRequestFailsAtOnce) {
  FakeHttpServer server;
  server.enqueue({400, {}, R"({"error":{"code":400,"message":"invalid schema"}})"});
  RecordingClock rc;
  ChatClient client(configFor(server.url()), rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Client);
  EXPECT_NE(error.message.find("HTTP 400: invalid schema"), std::string::npos) << error.message;
  EXPECT_EQ(server.requestCount(), 1u);
  EXPECT_TRUE(rc.sleeps.empty());
}

TEST(ChatClientTest, NotFoundFailsAtOnce) {
  FakeHttpServer server;
  server.enqueue({404, {}, "no such route"});
  ChatClient client(configFor(server.url()));
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Client);
  EXPECT_EQ(server.requestCount(), 1u);
}

TEST(ChatClientTest, TimeoutIsRetriedThenReported) {
  FakeHttpServer server;
  server.setFallback([](const testing::ReceivedRequest&) {
    return CannedResponse{200, {}, chatCompletionBody(kAnswer), milliseconds(1'500)};
  });
  EndpointConfig config = configFor(server.url());
  config.request_timeout = milliseconds(200);
  config.max_attempts = 2;
  RecordingClock rc;
  ChatClient client(config, rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Timeout) << error.message;
  EXPECT_EQ(result.attempts, 2);
  EXPECT_EQ(rc.sleeps.size(), 1u);
}

TEST(ChatClientTest, ConnectionRefusedIsRetriedThenReported) {
  int port = pickFreeLoopbackPort(); // nothing listens there
  ASSERT_NE(port, 0);
  RecordingClock rc;
  ChatClient client(configFor("http://127.0.0.1:" + std::to_string(port)), rc.clock());
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Connection) << error.message;
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_EQ(rc.sleeps.size(), 2u);
}

TEST(ChatClientTest, LengthFinishIsATruncatedAnswerWithUsageKept) {
  FakeHttpServer server;
  server.enqueue({200, {}, chatCompletionBody("{\"config\": {\"learn", "length", 40, 64)});
  ChatClient client(configFor(server.url()));
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Truncated);
  EXPECT_EQ(result.finish_reason, "length");
  EXPECT_EQ(result.usage.completion_tokens, 64);
  EXPECT_EQ(server.requestCount(), 1u);
}

TEST(ChatClientTest, ContentFilterFinishIsAFailedAnswer) {
  FakeHttpServer server;
  server.enqueue({200, {}, chatCompletionBody("", "content_filter")});
  ChatClient client(configFor(server.url()));
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::ContentFilter);
}

TEST(ChatClientTest, MissingEndpointIsAConfigError) {
  EndpointConfig config;
  config.model = "m";
  ChatClient client(config);
  ChatResult result;
  ChatError error;
  EXPECT_FALSE(client.complete(proposalRequest(), &result, &error));
  EXPECT_EQ(error.kind, ChatErrorKind::Config);
  EXPECT_EQ(result.attempts, 0);
}

} // namespace
} // namespace hpoc::llm
