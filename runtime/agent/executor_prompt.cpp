#include "runtime/agent/executor_prompt.h"

#include "runtime/agent/creator_prompt.h"
#include "runtime/agent/prompt_template.h"
#include "runtime/agent/trajectory_verdict.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace hpoc::agent {

const std::vector<std::string>& executorVerdicts() {
  static const std::vector<std::string> kVerdicts = {
      "converged", "overfitting", "underfitting", "diverged", "unstable", "too_slow", "failed"};
  return kVerdicts;
}

namespace {
std::string cellText(const nlohmann::json& v) {
  if (v.is_number_float())
    return shortNumber(v.get<double>());
  if (v.is_string())
    return defuse(v.get<std::string>(), 40);
  return defuse(v.dump(), 40);
}
} // namespace

bool isWallTimeColumn(const std::string& name) {
  static const std::set<std::string> kWhole = {"time",    "seconds",   "secs",     "sec",
                                               "elapsed", "duration",  "wall",     "walltime",
                                               "runtime", "wall_time", "timestamp"};
  static const char* kEndings[] = {"_time",    "_seconds",  "_secs",     "_sec",
                                   "_elapsed", "_duration", "_timestamp"};
  static const char* kStarts[] = {"time_", "elapsed_", "wall_", "seconds_", "duration_"};
  std::string n;
  for (char c : name)
    n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (kWhole.count(n))
    return true;
  for (const char* e : kEndings)
    if (n.ends_with(e))
      return true;
  for (const char* b : kStarts)
    if (n.starts_with(b))
      return true;
  return false;
}

std::string trajectoryTable(const std::vector<nlohmann::json>& trajectory, std::size_t maxRows) {
  if (trajectory.empty())
    return "(no per-epoch metrics were reported)";
  // Columns in first-seen order; drop those that never change (they say nothing).
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const nlohmann::json& row : trajectory)
    if (row.is_object())
      for (auto it = row.begin(); it != row.end(); ++it)
        if (seen.insert(it.key()).second && !isWallTimeColumn(it.key()))
          columns.push_back(it.key());
  if (trajectory.size() > 1) {
    std::vector<std::string> varying;
    for (const std::string& c : columns) {
      const nlohmann::json* first = nullptr;
      bool varies = false;
      for (const nlohmann::json& row : trajectory) {
        const nlohmann::json* v = row.is_object() && row.contains(c) ? &row[c] : nullptr;
        if (!v)
          continue;
        if (!first)
          first = v;
        else if (*v != *first)
          varies = true;
      }
      if (varies)
        varying.push_back(c);
    }
    if (!varying.empty())
      columns = varying;
  }
  // The step counter reads first, whatever the JSON key order.
  static const char* kIndexColumns[] = {"epoch", "step", "round", "iteration", "iter"};
  std::stable_partition(columns.begin(), columns.end(), [](const std::string& c) {
    return std::find(std::begin(kIndexColumns), std::end(kIndexColumns), c) !=
           std::end(kIndexColumns);
  });
  if (columns.size() > 8)
    columns.resize(8);

  std::vector<std::size_t> rows;
  std::size_t n = trajectory.size();
  if (n <= maxRows || maxRows < 2) {
    for (std::size_t i = 0; i < n; ++i)
      rows.push_back(i);
  } else {
    for (std::size_t k = 0; k < maxRows; ++k)
      rows.push_back(k * (n - 1) / (maxRows - 1));
  }
  std::string out;
  for (const std::string& c : columns)
    out += (out.empty() ? "" : " | ") + defuse(c, 40);
  out += "\n";
  for (std::size_t r : rows) {
    std::string line;
    for (const std::string& c : columns) {
      const nlohmann::json& row = trajectory[r];
      line += (line.empty() ? "" : " | ") +
              (row.is_object() && row.contains(c) ? cellText(row[c]) : std::string("-"));
    }
    out += line + "\n";
  }
  if (rows.size() < n)
    out += "(" + std::to_string(n) + " rows, " + std::to_string(rows.size()) + " shown)\n";
  out.pop_back();
  return out;
}

nlohmann::json executorMessages(const rt::StudySpec& spec, const ExecutorInput& in,
                                const TrajectoryVerdict& reading) {
  std::string trajectory = trajectoryTable(in.trajectory);
  if (!in.stderrTail.empty())
    trajectory += "\nEnd of the error output:\n" + in.stderrTail;
  std::map<std::string, std::string> vars = {
      {"trial", std::to_string(in.trialNumber)},
      {"study", spec.name},
      {"goal", std::string(spec.goal.maximize ? "maximize " : "minimize ") + spec.goal.metric},
      {"config", configText(spec, in.config)},
      {"outcome", defuse(in.outcome, 200)},
      {"trajectory", defuse(trajectory, 2500)},
      {"reading",
       defuse((reading.verdict.empty() ? "" : reading.verdict + ": ") + reading.note, 300)},
  };
  return nlohmann::json::array(
      {{{"role", "system"}, {"content", renderTemplate(promptTemplate("executor_system"), {})}},
       {{"role", "user"}, {"content", renderTemplate(promptTemplate("executor_user"), vars)}}});
}

nlohmann::json executorAnswerSchema() {
  return {{"type", "object"},
          {"properties",
           {{"verdict", {{"enum", executorVerdicts()}}},
            {"analysis", {{"type", "string"}, {"maxLength", 160}}}}},
          {"required", {"verdict", "analysis"}},
          {"additionalProperties", false}};
}

} // namespace hpoc::agent
