// Checks a JSON value against the subset of JSON Schema that the LLM layer sends
// as structured output. A server's grammar may not enforce all of it (llama-server
// ignores minimum/maximum on numbers), so every answer is checked again here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::llm {

/// Validates `value` against `schema`. Supported keywords: type (string or list;
/// object, array, string, number, integer, boolean, null), properties, required,
/// additionalProperties (false or a schema), items, enum, const, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, minLength, maxLength, minItems, maxItems,
/// anyOf. Other keywords are ignored. On failure returns false and writes the
/// first violation to `*err` as "$.path: what".
bool matchesSchema(const nlohmann::json& value, const nlohmann::json& schema, std::string* err);

/// Parses `text` as JSON and validates it; a parse error is reported as such.
bool textMatchesSchema(const std::string& text, const nlohmann::json& schema, std::string* err);

} // namespace hpoc::llm
