#include "runtime/slurm/staging_area.h"

#include "runtime/support/file_util.h"
#include "runtime/trials/trial_store.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace hpoc::rt::slurm {

namespace {

/// Every string in `j` with `from` made `to`: the plan names the trial's folder
/// in its command, its environment and its working directory.
void replacePaths(nlohmann::json& j, const std::string& from, const std::string& to) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
      s.replace(p, from.size(), to);
    j = s;
  } else if (j.is_structured()) {
    for (auto& v : j)
      replacePaths(v, from, to);
  }
}

bool readPlan(const std::string& dir, nlohmann::json* plan, std::string* err) {
  std::string text;
  if (!readFile(joinPath(dir, trialfile::kPlan), &text, err))
    return false;
  *plan = nlohmann::json::parse(text, nullptr, false);
  if (!plan->is_object() || !plan->contains("id")) {
    *err = joinPath(dir, trialfile::kPlan) + ": not a trial plan";
    return false;
  }
  return true;
}

} // namespace

std::string stagingFolder(const std::string& trialDir, const std::string& tag, int attempt) {
  std::filesystem::path d(trialDir);
  std::filesystem::path study = d.parent_path().parent_path();
  // Two levels below the study, as a trial's folder is, so that the trial
  // runner's study-relative paths read the same.
  return (study / "slurm-staging" /
          (d.filename().string() + "." + tag + "." + std::to_string(attempt)))
      .string();
}

bool trialId(const std::string& trialDir, std::string* id, std::string* err) {
  nlohmann::json plan;
  if (!readPlan(trialDir, &plan, err))
    return false;
  *id = plan["id"].get<std::string>();
  return true;
}

bool stageTrial(const std::string& trialDir, const std::string& staging, std::string* err) {
  nlohmann::json plan;
  if (!readPlan(trialDir, &plan, err))
    return false;
  removeStaging(staging);
  if (!makeDirs(staging, err))
    return false;
  std::string configName = plan.value("config_file", "");
  replacePaths(plan, trialDir, staging);
  if (!writeFileAtomic(joinPath(staging, trialfile::kPlan), plan.dump(2) + "\n", err, false))
    return false;
  if (configName.empty())
    return true;
  std::string config;
  return readFile(joinPath(trialDir, configName), &config, err) &&
         writeFileAtomic(joinPath(staging, configName), config, err, false);
}

bool publishStaged(const std::string& staging, const std::string& trialDir, std::string* err) {
  nlohmann::json plan;
  if (!readPlan(trialDir, &plan, err))
    return false;
  std::string configName = plan.value("config_file", "");
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(staging, ec)) {
    std::string name = entry.path().filename().string();
    if (name == trialfile::kPlan || name == trialfile::kResult || name == trialfile::kLock ||
        name == configName)
      continue;
    if (std::rename(entry.path().c_str(), joinPath(trialDir, name).c_str()) != 0) {
      *err = "cannot move " + entry.path().string() + " into " + trialDir + ": " +
             std::strerror(errno);
      return false;
    }
  }
  if (ec) {
    *err = "cannot list " + staging + ": " + ec.message();
    return false;
  }
  if (std::rename(joinPath(staging, trialfile::kResult).c_str(),
                  joinPath(trialDir, trialfile::kResult).c_str()) != 0) {
    *err = "cannot publish " + joinPath(trialDir, trialfile::kResult) + ": " + std::strerror(errno);
    return false;
  }
  nlohmann::json result;
  std::string why;
  bool missing = false;
  if (!checkSealedResult(trialDir, plan["id"].get<std::string>(), &result, &why, &missing)) {
    // Never leave a result that does not hold where the cache would read it.
    std::string ignored;
    removeFile(joinPath(trialDir, trialfile::kResult), &ignored);
    *err = "the published result does not hold: " + why;
    return false;
  }
  return true;
}

bool writeStoppedResult(const std::string& staging, const std::string& status,
                        const std::string& reason, double seconds, std::string* err) {
  nlohmann::json plan;
  if (!readPlan(staging, &plan, err))
    return false;
  nlohmann::json result = {{"id", plan["id"]},
                           {"status", status},
                           {"metric", nullptr},
                           {"reason", reason},
                           {"final", nlohmann::json::object()},
                           {"steps", 0},
                           {"bad_metric_lines", 0},
                           {"exit_code", -1},
                           {"signal", 0},
                           {"seconds", seconds},
                           {"peak_rss_bytes", 0},
                           {"stderr_tail", ""}};
  return sealResult(staging, &result, err) &&
         writeFileAtomic(joinPath(staging, trialfile::kResult), result.dump(2) + "\n", err);
}

void removeStaging(const std::string& staging) {
  std::error_code ec;
  std::filesystem::remove_all(staging, ec);
}

} // namespace hpoc::rt::slurm
