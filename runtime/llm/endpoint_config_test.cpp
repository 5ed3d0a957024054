#include "runtime/llm/endpoint_config.h"

#include <gtest/gtest.h>
#include <map>

namespace hpoc::llm {
namespace {

EnvLookup fakeEnv(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end() || it->second.empty())
      return std::nullopt;
    return it->second;
  };
}

TEST(EndpointConfigTest, NothingSetMeansTheLocalServerWithTheDefaultModelAndNoKey) {
  auto c = resolveEndpointConfig({}, fakeEnv({{"OPENAI_API_KEY", "sk-x"}}), "small-model");
  EXPECT_TRUE(c.isLocal());
  EXPECT_EQ(c.source, EndpointSource::Local);
  EXPECT_EQ(c.model, "small-model");
  EXPECT_TRUE(c.api_key.empty());
}

TEST(EndpointConfigTest, HpocVariablesWinOverOpenAiVariables) {
  auto c = resolveEndpointConfig({},
                                 fakeEnv({{"HPOC_LLM_URL", "http://a/v1"},
                                          {"OPENAI_BASE_URL", "http://b/v1"},
                                          {"HPOC_LLM_MODEL", "m1"},
                                          {"HPOC_LLM_API_KEY", "k1"},
                                          {"OPENAI_API_KEY", "k2"}}),
                                 "d");
  EXPECT_EQ(c.base_url, "http://a/v1");
  EXPECT_EQ(c.source, EndpointSource::HpocEnv);
  EXPECT_EQ(c.model, "m1");
  EXPECT_EQ(c.api_key.reveal(), "k1");
}

TEST(EndpointConfigTest, OpenAiKeyGoesOnlyWithTheOpenAiUrl) {
  auto env = fakeEnv({{"OPENAI_BASE_URL", "http://b/v1"}, {"OPENAI_API_KEY", "k2"}});
  auto c = resolveEndpointConfig({}, env, "d");
  EXPECT_EQ(c.base_url, "http://b/v1");
  EXPECT_EQ(c.api_key.reveal(), "k2");
  EXPECT_EQ(c.model, "") << "a remote endpoint gets no local default model";

  auto other = resolveEndpointConfig(
      {}, fakeEnv({{"HPOC_LLM_URL", "http://vllm/v1"}, {"OPENAI_API_KEY", "k2"}}), "d");
  EXPECT_TRUE(other.api_key.empty());
}

TEST(EndpointConfigTest, ExplicitOverridesWin) {
  EndpointOverrides o;
  o.url = "http://explicit/v1";
  o.model = "big";
  o.api_key = "k0";
  auto c = resolveEndpointConfig(
      o,
      fakeEnv(
          {{"HPOC_LLM_URL", "http://a/v1"}, {"HPOC_LLM_MODEL", "m1"}, {"HPOC_LLM_API_KEY", "k1"}}),
      "d");
  EXPECT_EQ(c.base_url, "http://explicit/v1");
  EXPECT_EQ(c.source, EndpointSource::Explicit);
  EXPECT_EQ(c.model, "big");
  EXPECT_EQ(c.api_key.reveal(), "k0");
}

TEST(EndpointConfigTest, ChatCompletionsUrl) {
  EndpointConfig c;
  c.base_url = "http://h:1/v1/";
  EXPECT_EQ(c.chatCompletionsUrl(), "http://h:1/v1/chat/completions");
  c.base_url = "http://h:1/v1/chat/completions";
  EXPECT_EQ(c.chatCompletionsUrl(), "http://h:1/v1/chat/completions");
}

TEST(EndpointConfigTest, DescribeAndRedactNeverShowTheKey) {
  EndpointConfig c;
  c.base_url = "http://h/v1";
  c.model = "m";
  c.api_key = ApiKey("sk-abc");
  EXPECT_EQ(c.describe(), "http://h/v1 model=m key=***");
  EXPECT_EQ(redactKey("bad key sk-abc, sk-abc!", c.api_key), "bad key ***, ***!");
  EXPECT_EQ(redactKey("nothing", ApiKey()), "nothing");
}

} // namespace
} // namespace hpoc::llm
