#include "runtime/journal/journal_event.h"

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace hpoc::rt {
namespace {

using Json = nlohmann::json;

/// Count: a non-negative integer that fits an int (trial numbers, token counts),
/// so that replay's sums and conversions cannot overflow.
enum class Type { String, Count, Number, NumberOrNull, Boolean, Object, Array };

struct Field {
  const char* name;
  Type type;
  bool required = false;
};

const char* typeName(Type t) {
  switch (t) {
  case Type::String:
    return "a string";
  case Type::Count:
    return "a whole number from 0 to 2147483647";
  case Type::Number:
    return "a number";
  case Type::NumberOrNull:
    return "a number or null";
  case Type::Boolean:
    return "true or false";
  case Type::Object:
    return "an object";
  case Type::Array:
    return "an array";
  }
  return "?";
}

bool hasType(const Json& v, Type t) {
  switch (t) {
  case Type::String:
    return v.is_string();
  case Type::Count:
    return v.is_number_unsigned() ? v.get<std::uint64_t>() <= 2147483647u
                                  : v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
                                        v.get<std::int64_t>() <= 2147483647;
  case Type::Number:
    return v.is_number();
  case Type::NumberOrNull:
    return v.is_number() || v.is_null();
  case Type::Boolean:
    return v.is_boolean();
  case Type::Object:
    return v.is_object();
  case Type::Array:
    return v.is_array();
  }
  return false;
}

/// Checks the fields of `object` named in `fields`; `where` prefixes the field name.
bool checkFields(const Json& object, std::initializer_list<Field> fields, const std::string& where,
                 std::string* why) {
  for (const Field& f : fields) {
    auto it = object.find(f.name);
    if (it == object.end()) {
      if (!f.required)
        continue;
      *why = "'" + where + f.name + "' is missing";
      return false;
    }
    if (!hasType(*it, f.type)) {
      *why = "'" + where + f.name + "' is " + it->type_name() + ", not " + typeName(f.type);
      return false;
    }
  }
  return true;
}

/// `details.llm`: the LLM exchanges behind an event, summed by the report.
bool checkDetails(const Json& e, std::string* why) {
  auto details = e.find("details");
  if (details == e.end() || details->is_null())
    return true;
  if (!checkFields(e, {{"details", Type::Object}}, "", why) ||
      !checkFields(*details, {{"llm", Type::Array}}, "details.", why))
    return false;
  auto llm = details->find("llm");
  if (llm == details->end())
    return true;
  for (std::size_t i = 0; i < llm->size(); ++i) {
    const Json& x = (*llm)[i];
    std::string where = "details.llm[" + std::to_string(i) + "]";
    if (!x.is_object()) {
      *why = "'" + where + "' is " + x.type_name() + ", not an object";
      return false;
    }
    if (!checkFields(x,
                     {{"cached", Type::Boolean},
                      {"ok", Type::Boolean},
                      {"local", Type::Boolean},
                      {"prompt_tokens", Type::Count},
                      {"completion_tokens", Type::Count},
                      {"seconds", Type::Number},
                      {"model", Type::String}},
                     where + ".", why))
      return false;
  }
  return true;
}

bool checkShape(const Json& shape, std::string* why) {
  if (!checkFields(shape, {{"space", Type::Array, true}, {"goal", Type::Object, true}}, "shape.",
                   why) ||
      !checkFields(shape["goal"],
                   {{"metric", Type::String, true}, {"maximize", Type::Boolean, true}},
                   "shape.goal.", why))
    return false;
  const Json& space = shape["space"];
  for (std::size_t i = 0; i < space.size(); ++i) {
    std::string where = "shape.space[" + std::to_string(i) + "]";
    if (!space[i].is_object()) {
      *why = "'" + where + "' is " + space[i].type_name() + ", not an object";
      return false;
    }
    if (!checkFields(space[i], {{"name", Type::String, true}}, where + ".", why))
      return false;
  }
  return true;
}

bool checkStringPairs(const Json& e, std::string* why) {
  auto influence = e.find("influence");
  if (influence == e.end())
    return true;
  for (std::size_t i = 0; i < influence->size(); ++i) {
    const Json& p = (*influence)[i];
    bool ok = p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string();
    if (!ok) {
      *why = "'influence[" + std::to_string(i) + "]' is not a pair of strings";
      return false;
    }
  }
  return true;
}

bool checkStrings(const Json& e, const char* name, std::string* why) {
  auto list = e.find(name);
  if (list == e.end())
    return true;
  for (std::size_t i = 0; i < list->size(); ++i)
    if (!(*list)[i].is_string()) {
      *why = "'" + std::string(name) + "[" + std::to_string(i) + "]' is " + (*list)[i].type_name() +
             ", not a string";
      return false;
    }
  return true;
}

bool checkKnownKind(const Json& e, std::string_view kind, std::string* why) {
  const Field trial{"trial", Type::Count, true};
  if (kind == "study")
    return checkFields(e,
                       {{"study", Type::String},
                        {"strategy", Type::String},
                        {"protocol", Type::Count},
                        {"shape", Type::Object}},
                       "", why) &&
           (!e.contains("shape") || checkShape(e["shape"], why));
  if (kind == "proposed")
    return checkFields(e,
                       {trial,
                        {"config", Type::Object},
                        {"source", Type::String},
                        {"rationale", Type::String}},
                       "", why) &&
           checkDetails(e, why);
  if (kind == "finished")
    return checkFields(e,
                       {trial,
                        {"id", Type::String},
                        {"status", Type::String},
                        {"metric", Type::NumberOrNull},
                        {"reason", Type::String},
                        {"seconds", Type::Number},
                        {"seal", Type::String},
                        {"stderr_tail", Type::String}},
                       "", why);
  if (kind == "invalidated")
    return checkFields(e, {trial, {"id", Type::String}, {"reason", Type::String}}, "", why);
  if (kind == "note")
    return checkFields(
               e,
               {trial, {"id", Type::String}, {"verdict", Type::String}, {"analysis", Type::String}},
               "", why) &&
           checkDetails(e, why);
  if (kind == "summary")
    return checkFields(
               e, {{"summary", Type::String}, {"influence", Type::Array}, {"next", Type::Array}},
               "", why) &&
           checkStringPairs(e, why) && checkStrings(e, "next", why) && checkDetails(e, why);
  if (kind == "run")
    return checkFields(e, {{"seconds", Type::Number}, {"trials_run", Type::Count}}, "", why);
  return true;
}

} // namespace

bool checkJournalEvent(const Json& e, std::string* why) {
  if (!e.is_object()) {
    *why = std::string("the line is ") + e.type_name() + ", not an event object";
    return false;
  }
  if (!checkFields(e, {{"event", Type::String, true}, {"time", Type::String}}, "", why))
    return false;
  const std::string& kind = e["event"].get_ref<const std::string&>();
  if (!checkKnownKind(e, kind, why)) {
    *why = "a '" + kind + "' event whose " + *why;
    return false;
  }
  return true;
}

} // namespace hpoc::rt
