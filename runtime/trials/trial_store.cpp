#include "runtime/trials/trial_store.h"

#include "runtime/spec/config_canon.h"
#include "runtime/support/file_util.h"
#include "runtime/support/sha256.h"

namespace hpoc::rt {

namespace {
// The plan is not sealed: it holds build-tree paths, and the id already names
// everything in it that matters.
const char* kSealed[] = {"config.json",          "config.yaml",      trialfile::kMetrics,
                         trialfile::kTrajectory, trialfile::kStdout, trialfile::kStderr};

std::string sealOf(nlohmann::json result) {
  result.erase("seal");
  return sha256Hex(canonicalJson(result));
}
} // namespace

std::string trialFolderName(const std::string& id) {
  return id.substr(0, 16);
}

bool sealResult(const std::string& dir, nlohmann::json* result, std::string* err) {
  nlohmann::json artifacts = nlohmann::json::object();
  for (const char* name : kSealed) {
    std::string path = joinPath(dir, name), hex;
    if (!pathExists(path))
      continue;
    if (!sha256File(path, &hex, err))
      return false;
    artifacts[name] = hex;
  }
  (*result)["artifacts"] = artifacts;
  (*result)["seal"] = sealOf(*result);
  return true;
}

TrialStore::TrialStore(std::string studyDir) : studyDir_(std::move(studyDir)) {}

std::string TrialStore::trialsRoot() const {
  return joinPath(studyDir_, "trials");
}

std::string TrialStore::trialDir(const std::string& id) const {
  return joinPath(trialsRoot(), trialFolderName(id));
}

bool TrialStore::prepare(const std::string& id, const nlohmann::json& plan,
                         const std::string& configName, const std::string& configText,
                         std::string* err) {
  std::string dir = trialDir(id);
  return makeDirs(dir, err) &&
         writeFileIfChanged(joinPath(dir, trialfile::kPlan), plan.dump(2) + "\n", err, nullptr,
                            false) &&
         writeFileIfChanged(joinPath(dir, configName), configText, err, nullptr, false);
}

TrialStore::Cached TrialStore::lookup(const std::string& id, nlohmann::json* result,
                                      std::string* why) const {
  bool missing = false;
  if (checkSealedResult(trialDir(id), id, result, why, &missing))
    return Cached::Valid;
  return missing ? Cached::Missing : Cached::Damaged;
}

bool checkSealedResult(const std::string& dir, const std::string& id, nlohmann::json* result,
                       std::string* why, bool* missing) {
  std::string text, err;
  std::string path = joinPath(dir, trialfile::kResult);
  *missing = !pathExists(path);
  if (*missing) {
    *why = "there is no result.json";
    return false;
  }
  if (!readFile(path, &text, &err)) {
    *why = err;
    return false;
  }
  nlohmann::json r = nlohmann::json::parse(text, nullptr, false);
  if (r.is_discarded() || !r.is_object() || !r.contains("seal")) {
    *why = "result.json is not a sealed result";
    return false;
  }
  if (r.value("id", "") != id) {
    *why = "result.json belongs to another trial";
    return false;
  }
  if (r.value("seal", "") != sealOf(r)) {
    *why = "result.json was modified after it was written";
    return false;
  }
  const nlohmann::json artifacts = r.value("artifacts", nlohmann::json::object());
  for (auto& [name, hex] : artifacts.items()) {
    std::string actual;
    if (!sha256File(joinPath(dir, name), &actual, &err)) {
      *why = name + " is missing";
      return false;
    }
    if (actual != hex.get<std::string>()) {
      *why = name + " no longer matches its hash";
      return false;
    }
  }
  *result = std::move(r);
  return true;
}

bool TrialStore::invalidate(const std::string& id, std::string* err) {
  return removeFile(joinPath(trialDir(id), trialfile::kResult), err);
}

} // namespace hpoc::rt
