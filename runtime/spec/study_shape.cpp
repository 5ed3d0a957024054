#include "runtime/spec/study_shape.h"

#include "runtime/spec/config_canon.h"

#include <map>

namespace hpoc::rt {

nlohmann::json studyShape(const StudySpec& spec) {
  nlohmann::json space = nlohmann::json::array();
  for (const ParamSpec& p : spec.space) {
    nlohmann::json j = {{"name", p.name}, {"kind", paramKindName(p.kind)}};
    if (p.kind == ParamKind::Float || p.kind == ParamKind::Int)
      j["range"] = {p.lo, p.hi};
    if (p.log)
      j["log"] = true;
    if (!p.choices.empty())
      j["choices"] = p.choices;
    if (p.when)
      j["when"] = p.when->str();
    space.push_back(j);
  }
  return {{"space", space},
          {"goal", {{"metric", spec.goal.metric}, {"maximize", spec.goal.maximize}}}};
}

std::string describeShapeChange(const nlohmann::json& recorded, const nlohmann::json& current) {
  std::string out;
  auto goal = [](const nlohmann::json& s) {
    const nlohmann::json& g = s.value("goal", nlohmann::json::object());
    return std::string(g.value("maximize", true) ? "maximize " : "minimize ") +
           g.value("metric", std::string("?"));
  };
  if (goal(recorded) != goal(current))
    out += "  goal: " + goal(recorded) + " -> " + goal(current) + "\n";
  std::map<std::string, nlohmann::json> before, after;
  for (const auto& p : recorded.value("space", nlohmann::json::array()))
    before[p.value("name", "")] = p;
  for (const auto& p : current.value("space", nlohmann::json::array()))
    after[p.value("name", "")] = p;
  for (const auto& [name, p] : before) {
    auto it = after.find(name);
    if (it == after.end())
      out += "  parameter '" + name + "' removed\n";
    else if (it->second != p)
      out += "  parameter '" + name + "' changed: " + canonicalJson(p) + " -> " +
             canonicalJson(it->second) + "\n";
  }
  for (const auto& [name, p] : after)
    if (!before.count(name))
      out += "  parameter '" + name + "' added\n";
  if (out.empty() && recorded != current)
    out = "  the order of the parameters changed\n";
  return out;
}

} // namespace hpoc::rt
