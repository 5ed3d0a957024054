#include "runtime/agent/replay_miss.h"

#include "runtime/agent/prompt_template.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

namespace hpoc::agent {

namespace fs = std::filesystem;

std::string requestPurpose(const nlohmann::json& body) {
  std::string schema;
  if (auto rf = body.find("response_format"); rf != body.end() && rf->is_object())
    schema = rf->value("/json_schema/name"_json_pointer, "");
  std::size_t messages =
      body.contains("messages") && body["messages"].is_array() ? body["messages"].size() : 0;
  if (schema == "proposal")
    return messages > 2 ? "repair" : "propose";
  if (schema == "warm_start")
    return "warm-start";
  if (schema == "choice")
    return "choose";
  if (schema == "analysis")
    return "analyse";
  if (schema == "report")
    return "report";
  return "request";
}

namespace {

/// Request bodies flattened to leaf path -> value.
void flatten(const nlohmann::json& j, const std::string& path,
             std::map<std::string, nlohmann::json>* out) {
  if (j.is_object() && !j.empty()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      flatten(j[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    (*out)[path] = j;
  }
}

std::string quotedLine(const std::string& line) {
  return "\"" + defuse(line, 160) + "\"";
}

std::string lineDifference(const std::string& cached, const std::string& wanted) {
  std::istringstream a(cached), b(wanted);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool moreA = static_cast<bool>(std::getline(a, la));
    bool moreB = static_cast<bool>(std::getline(b, lb));
    if (!moreA && !moreB)
      return "";
    if (!moreA || !moreB || la != lb)
      return "line " + std::to_string(line) + ": cached " + (moreA ? quotedLine(la) : "(no line)") +
             ", now " + (moreB ? quotedLine(lb) : "(no line)");
  }
}

std::string valueText(const nlohmann::json* v) {
  return v ? defuse(v->dump(), 160) : std::string("(absent)");
}

/// Leaf paths that differ between two flattened bodies.
std::vector<std::string> differingPaths(const std::map<std::string, nlohmann::json>& a,
                                        const std::map<std::string, nlohmann::json>& b) {
  std::vector<std::string> out;
  for (const auto& [path, value] : a) {
    auto it = b.find(path);
    if (it == b.end() || it->second != value)
      out.push_back(path);
  }
  for (const auto& [path, value] : b)
    if (!a.count(path))
      out.push_back(path);
  return out;
}

} // namespace

std::string firstDifference(const nlohmann::json& cached, const nlohmann::json& wanted) {
  std::map<std::string, nlohmann::json> a, b;
  flatten(cached, "", &a);
  flatten(wanted, "", &b);
  std::vector<std::string> paths = differingPaths(a, b);
  if (paths.empty())
    return "";
  // Messages first: the prompt is what usually moves; then in path order.
  std::stable_sort(paths.begin(), paths.end(), [](const std::string& x, const std::string& y) {
    return (x.rfind("messages", 0) == 0) > (y.rfind("messages", 0) == 0);
  });
  const std::string& path = paths.front();
  const nlohmann::json* va = a.count(path) ? &a.at(path) : nullptr;
  const nlohmann::json* vb = b.count(path) ? &b.at(path) : nullptr;
  std::string out = path;
  auto multiline = [](const nlohmann::json* v) {
    return v->is_string() && v->get_ref<const std::string&>().find('\n') != std::string::npos;
  };
  if (va && vb && va->is_string() && vb->is_string() && (multiline(va) || multiline(vb)))
    out += ", " + lineDifference(va->get<std::string>(), vb->get<std::string>());
  else
    out += ": cached " + valueText(va) + ", now " + valueText(vb);
  if (paths.size() > 1)
    out += " (and " + std::to_string(paths.size() - 1) + " more field" +
           (paths.size() > 2 ? "s" : "") + ")";
  return out;
}

std::string describeReplayMiss(const std::string& cacheDir, const nlohmann::json& wanted,
                               const std::string& key, long long seedBase) {
  std::string purpose = requestPurpose(wanted);
  std::string what = "the " + purpose + " request";
  if (purpose != "report" && wanted.contains("seed") && wanted["seed"].is_number_integer())
    what += " of trial " + std::to_string(wanted["seed"].get<long long>() - seedBase);
  std::string out = "replay: " + what + " is not in " + cacheDir + " (key " + key.substr(0, 12) +
                    "); --replay asks no LLM";

  std::map<std::string, nlohmann::json> want;
  flatten(wanted, "", &want);
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  nlohmann::json nearest;
  std::string nearestName;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(cacheDir, ec)) {
    if (e.path().extension() != ".json")
      continue;
    std::ifstream in(e.path());
    nlohmann::json entry = nlohmann::json::parse(in, nullptr, false);
    if (!entry.is_object() || !entry.contains("request") || !entry["request"].is_object())
      continue;
    std::map<std::string, nlohmann::json> have;
    flatten(entry["request"], "", &have);
    std::size_t n = differingPaths(have, want).size();
    // Ties go to the same purpose, then to the first name, so the message is stable.
    bool samePurpose = requestPurpose(entry["request"]) == purpose;
    std::size_t score = n * 2 + (samePurpose ? 0 : 1);
    if (score < fewest || (score == fewest && e.path().filename().string() < nearestName)) {
      fewest = score;
      nearest = entry["request"];
      nearestName = e.path().filename().string();
    }
  }
  if (nearestName.empty())
    return out + "; the cache holds no request to compare it with";
  return out + "; the nearest cached request (" + nearestName + ", purpose " +
         requestPurpose(nearest) + ") differs in " + firstDifference(nearest, wanted);
}

} // namespace hpoc::agent
