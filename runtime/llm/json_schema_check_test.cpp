#include "runtime/llm/json_schema_check.h"

#include <gtest/gtest.h>

namespace hpoc::llm {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({
  "type": "object",
  "properties": {
    "config": {
      "type": "object",
      "properties": {
        "lr": {"type": "number", "minimum": 0.0001, "maximum": 0.1},
        "layers": {"type": "integer", "minimum": 1, "maximum": 8},
        "opt": {"enum": ["sgd", "adam"]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2}
      },
      "required": ["lr", "layers", "opt"],
      "additionalProperties": false
    },
    "rationale": {"type": "string", "minLength": 1}
  },
  "required": ["config", "rationale"]
})");

bool check(const std::string& text, std::string* err) {
  return textMatchesSchema(text, kSchema, err);
}

TEST(JsonSchemaCheckTest, AcceptsAValidAnswer) {
  std::string err;
  EXPECT_TRUE(check(
      R"({"config":{"lr":0.01,"layers":3,"opt":"adam","tags":["a"]},"rationale":"ok"})", &err))
      << err;
  EXPECT_TRUE(check(R"({"config":{"lr":0.01,"layers":3.0,"opt":"sgd"},"rationale":"ok"})", &err))
      << err;
}

TEST(JsonSchemaCheckTest, ReportsTheFirstViolationWithItsPath) {
  std::string err;
  EXPECT_FALSE(check(R"({"config":{"lr":0.5,"layers":3,"opt":"adam"},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config.lr: 0.5 is above the maximum 0.1");
  EXPECT_FALSE(check(R"({"config":{"lr":0.01,"layers":2.5,"opt":"adam"},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config.layers: 2.5 is not of type \"integer\"");
  EXPECT_FALSE(check(R"({"config":{"lr":0.01,"layers":0,"opt":"adam"},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config.layers: 0 is below the minimum 1");
  EXPECT_FALSE(check(R"({"config":{"lr":0.01,"layers":1,"opt":"rmsprop"},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config.opt: \"rmsprop\" is not one of [\"sgd\",\"adam\"]");
  EXPECT_FALSE(
      check(R"({"config":{"lr":0.01,"layers":1,"opt":"sgd","x":1},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config: unexpected property \"x\"");
  EXPECT_FALSE(check(R"({"config":{"lr":0.01,"layers":1},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config: missing required property \"opt\"");
  EXPECT_FALSE(check(
      R"({"config":{"lr":0.01,"layers":1,"opt":"sgd","tags":["a",2]},"rationale":"x"})", &err));
  EXPECT_EQ(err, "$.config.tags[1]: 2 is not of type \"string\"");
  EXPECT_FALSE(check(R"({"config":{"lr":0.01,"layers":1,"opt":"sgd"},"rationale":""})", &err));
  EXPECT_EQ(err, "$.rationale: string shorter than 1");
}

TEST(JsonSchemaCheckTest, RejectsTextThatIsNotJson) {
  std::string err;
  EXPECT_FALSE(check("Sure! Here is the config: {", &err));
  EXPECT_EQ(err.rfind("not valid JSON", 0), 0u) << err;
}

TEST(JsonSchemaCheckTest, AnyOfAndTypeLists) {
  json schema = json::parse(R"({"anyOf":[{"type":"string"},{"type":["integer","null"]}]})");
  std::string err;
  EXPECT_TRUE(matchesSchema(json("a"), schema, &err));
  EXPECT_TRUE(matchesSchema(json(nullptr), schema, &err));
  EXPECT_FALSE(matchesSchema(json(1.5), schema, &err));
  EXPECT_EQ(err, "$: 1.5 matches none of anyOf");
}

} // namespace
} // namespace hpoc::llm
