// The trial store: hpo/<study>/trials/<id>/, one folder per content hash. The
// main runner writes a trial's plan (trial.json) and config; the trial runner
// writes its logs, trajectory and result.json. A result is trusted only when
// its seal and the hashes of the artifacts it lists still match.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::rt {

/// File names inside a trial's folder, named once.
namespace trialfile {
inline constexpr const char* kPlan = "trial.json";
inline constexpr const char* kResult = "result.json";
inline constexpr const char* kMetrics = "metrics.jsonl";
inline constexpr const char* kTrajectory = "trajectory.jsonl";
inline constexpr const char* kStdout = "stdout.log";
inline constexpr const char* kStderr = "stderr.log";
inline constexpr const char* kLock = ".lock";
} // namespace trialfile

/// The folder name of a trial: the first 16 hex digits of its id.
std::string trialFolderName(const std::string& id);

/// Adds "artifacts" (SHA-256 of each listed file present in `dir`) and "seal"
/// (SHA-256 of the result's canonical JSON without the seal) to `result`.
bool sealResult(const std::string& dir, nlohmann::json* result, std::string* err);

/// Checks the sealed result `dir`/result.json of trial `id`: its seal and the
/// hash of every artifact it lists. True with `result` when it holds; false
/// with `why` (`missing` set when there is no result at all).
bool checkSealedResult(const std::string& dir, const std::string& id, nlohmann::json* result,
                       std::string* why, bool* missing);

class TrialStore {
public:
  explicit TrialStore(std::string studyDir);

  std::string trialDir(const std::string& id) const;
  std::string trialsRoot() const;

  /// Creates the trial's folder and writes its plan and config file, each only
  /// when its bytes change (Ninja sees unchanged mtimes).
  bool prepare(const std::string& id, const nlohmann::json& plan, const std::string& configName,
               const std::string& configText, std::string* err);

  enum class Cached { Missing, Valid, Damaged };
  /// Looks for the trial's result. Valid: `result` holds it. Damaged: the result
  /// or an artifact it lists no longer matches its hash (`why` says which).
  Cached lookup(const std::string& id, nlohmann::json* result, std::string* why) const;

  /// Removes a result so that the trial runs again.
  bool invalidate(const std::string& id, std::string* err);

private:
  std::string studyDir_;
};

} // namespace hpoc::rt
