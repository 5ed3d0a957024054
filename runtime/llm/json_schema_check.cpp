#include "runtime/llm/json_schema_check.h"

namespace hpoc::llm {

using nlohmann::json;

namespace {

bool hasType(const json& value, const std::string& type) {
  if (type == "object")
    return value.is_object();
  if (type == "array")
    return value.is_array();
  if (type == "string")
    return value.is_string();
  if (type == "boolean")
    return value.is_boolean();
  if (type == "null")
    return value.is_null();
  if (type == "number")
    return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer())
      return true;
    // 3.0 is an integer in JSON Schema.
    return value.is_number_float() &&
           value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>()));
  }
  return false;
}

bool fail(std::string* err, const std::string& path, const std::string& what) {
  if (err)
    *err = path + ": " + what;
  return false;
}

std::string shortDump(const json& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

bool check(const json& value, const json& schema, const std::string& path, std::string* err) {
  if (!schema.is_object())
    return true; // `true` or `{}`-like schemas accept anything
  if (auto t = schema.find("type"); t != schema.end()) {
    bool ok = false;
    if (t->is_string())
      ok = hasType(value, t->get<std::string>());
    else if (t->is_array())
      for (const auto& one : *t)
        ok = ok || (one.is_string() && hasType(value, one.get<std::string>()));
    if (!ok)
      return fail(err, path, shortDump(value) + " is not of type " + t->dump());
  }
  if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
    bool found = false;
    for (const auto& option : *e)
      found = found || option == value;
    if (!found)
      return fail(err, path, shortDump(value) + " is not one of " + shortDump(*e));
  }
  if (auto c = schema.find("const"); c != schema.end() && *c != value)
    return fail(err, path, shortDump(value) + " is not " + shortDump(*c));
  if (value.is_number()) {
    double v = value.get<double>();
    auto bound = [&](const char* key, auto violates, const char* words) {
      auto b = schema.find(key);
      if (b != schema.end() && b->is_number() && violates(v, b->get<double>()))
        return fail(err, path, shortDump(value) + " is " + words + " " + b->dump());
      return true;
    };
    if (!bound(
            "minimum", [](double x, double m) { return x < m; }, "below the minimum") ||
        !bound(
            "maximum", [](double x, double m) { return x > m; }, "above the maximum") ||
        !bound(
            "exclusiveMinimum", [](double x, double m) { return x <= m; }, "not above") ||
        !bound(
            "exclusiveMaximum", [](double x, double m) { return x >= m; }, "not below"))
      return false;
  }
  if (value.is_string()) {
    size_t n = value.get_ref<const std::string&>().size();
    if (schema.contains("minLength") && n < schema["minLength"].get<size_t>())
      return fail(err, path, "string shorter than " + schema["minLength"].dump());
    if (schema.contains("maxLength") && n > schema["maxLength"].get<size_t>())
      return fail(err, path, "string longer than " + schema["maxLength"].dump());
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      return fail(err, path, "fewer than " + schema["minItems"].dump() + " items");
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      return fail(err, path, "more than " + schema["maxItems"].dump() + " items");
    if (auto items = schema.find("items"); items != schema.end())
      for (size_t i = 0; i < value.size(); ++i)
        if (!check(value[i], *items, path + "[" + std::to_string(i) + "]", err))
          return false;
  }
  if (value.is_object()) {
    if (auto req = schema.find("required"); req != schema.end() && req->is_array())
      for (const auto& name : *req)
        if (name.is_string() && !value.contains(name.get<std::string>()))
          return fail(err, path, "missing required property \"" + name.get<std::string>() + "\"");
    const json* props = schema.contains("properties") ? &schema["properties"] : nullptr;
    const json* extra =
        schema.contains("additionalProperties") ? &schema["additionalProperties"] : nullptr;
    for (const auto& [key, member] : value.items()) {
      std::string member_path = path + "." + key;
      if (props && props->contains(key)) {
        if (!check(member, (*props)[key], member_path, err))
          return false;
      } else if (extra) {
        if (extra->is_boolean() && !extra->get<bool>())
          return fail(err, path, "unexpected property \"" + key + "\"");
        if (!check(member, *extra, member_path, err))
          return false;
      }
    }
  }
  if (auto any = schema.find("anyOf"); any != schema.end() && any->is_array()) {
    for (const auto& option : *any)
      if (check(value, option, path, nullptr))
        return true;
    return fail(err, path, shortDump(value) + " matches none of anyOf");
  }
  return true;
}

} // namespace

bool matchesSchema(const json& value, const json& schema, std::string* err) {
  return check(value, schema, "$", err);
}

bool textMatchesSchema(const std::string& text, const json& schema, std::string* err) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) {
    if (err)
      *err = "not valid JSON: " + (text.size() > 80 ? text.substr(0, 77) + "..." : text);
    return false;
  }
  return matchesSchema(value, schema, err);
}

} // namespace hpoc::llm
