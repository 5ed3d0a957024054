#include "runtime/llm/fake_http_server.h"
#include "runtime/llm/llm_check.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hpoc::llm {
namespace {

using testing::CannedResponse;
using testing::FakeHttpServer;

EnvLookup emptyEnv() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

TEST(LlmCheckTest, ValidAnswerFromARemoteEndpointPasses) {
  FakeHttpServer server;
  server.enqueue(
      {200,
       {{"x-request-id", "rid-9"}},
       testing::chatCompletionBody(
           R"({"config":{"learning_rate":0.001,"batch_size":64},"rationale":"standard"})", "stop",
           90, 25)});
  LlmCheckOptions options;
  options.url = server.url() + "/v1";
  options.model = "remote-model";
  options.env = emptyEnv();
  std::ostringstream out, err;
  EXPECT_EQ(runLlmCheck(options, out, err), 0) << err.str();
  std::string text = out.str();
  EXPECT_NE(text.find("model:      test-model"), std::string::npos) << text;
  EXPECT_NE(text.find("prompt:     90 tokens"), std::string::npos) << text;
  EXPECT_NE(text.find("generation: 25 tokens"), std::string::npos) << text;
  EXPECT_NE(text.find("request id: rid-9"), std::string::npos) << text;
  EXPECT_NE(text.find("schema:     valid"), std::string::npos) << text;
  EXPECT_NE(text.find("llm check: ok"), std::string::npos) << text;
  auto body = nlohmann::json::parse(server.requests().at(0).body);
  EXPECT_EQ(body["model"], "remote-model");
  EXPECT_EQ(body["response_format"]["type"], "json_schema");
}

TEST(LlmCheckTest, OutOfRangeAnswerFails) {
  FakeHttpServer server;
  server.enqueue({200,
                  {},
                  testing::chatCompletionBody(
                      R"({"config":{"learning_rate":3.0,"batch_size":64},"rationale":"fast"})")});
  LlmCheckOptions options;
  options.url = server.url() + "/v1";
  options.model = "m";
  options.env = emptyEnv();
  std::ostringstream out, err;
  EXPECT_EQ(runLlmCheck(options, out, err), 1);
  EXPECT_NE(out.str().find("INVALID: $.config.learning_rate: 3.0 is above the maximum"),
            std::string::npos)
      << out.str();
}

TEST(LlmCheckTest, UrlComesFromTheEnvironment) {
  FakeHttpServer server;
  server.enqueue({200,
                  {},
                  testing::chatCompletionBody(
                      R"({"config":{"learning_rate":0.01,"batch_size":32},"rationale":"ok"})")});
  LlmCheckOptions options;
  std::string url = server.url() + "/v1";
  options.env = [url](std::string_view name) -> std::optional<std::string> {
    if (name == "HPOC_LLM_URL")
      return url;
    if (name == "HPOC_LLM_MODEL")
      return "env-model";
    return std::nullopt;
  };
  std::ostringstream out, err;
  EXPECT_EQ(runLlmCheck(options, out, err), 0) << err.str();
  EXPECT_EQ(nlohmann::json::parse(server.requests().at(0).body)["model"], "env-model");
}

TEST(LlmCheckTest, FailedRequestIsReported) {
  FakeHttpServer server;
  server.enqueue({401, {}, R"({"error":{"message":"bad key"}})"});
  LlmCheckOptions options;
  options.url = server.url() + "/v1";
  options.model = "m";
  options.env = emptyEnv();
  std::ostringstream out, err;
  EXPECT_EQ(runLlmCheck(options, out, err), 1);
  EXPECT_NE(err.str().find("[client]"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("bad key"), std::string::npos) << err.str();
}

TEST(LlmCheckTest, LocalWithoutBootstrapNamesTheFix) {
  LlmCheckOptions options;
  options.cache_dir = (std::filesystem::temp_directory_path() / "hpoc-no-such-cache").string();
  options.env = emptyEnv();
  std::ostringstream out, err;
  EXPECT_EQ(runLlmCheck(options, out, err), 1);
  EXPECT_NE(err.str().find("run scripts/bootstrap-llm.sh"), std::string::npos) << err.str();
}

} // namespace
} // namespace hpoc::llm
