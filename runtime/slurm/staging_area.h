// A trial's private folder for one attempt on the cluster, and its publication.
// The job writes into <study>/slurm-staging/<trial>.<host>.<pid>.<attempt>/, on
// the same shared file system as the trial's folder, never into the trial's
// folder itself: a job the cluster lost may still be running on its node and
// writing, and its files must not become the trial's. Only an attempt judged
// complete is moved in, file by file with rename(2), result.json last, so that
// a reader sees the whole sealed result or none.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::rt::slurm {

/// The staging folder of `attempt` of the trial in `trialDir`.
std::string stagingFolder(const std::string& trialDir, const std::string& tag, int attempt);

/// Creates `staging` with the trial's plan (every mention of `trialDir` made
/// `staging`) and its config file.
bool stageTrial(const std::string& trialDir, const std::string& staging, std::string* err);

/// Moves the attempt's files into `trialDir`, result.json last, and checks the
/// published result's seal there. The plan and config stay as the trial's own.
bool publishStaged(const std::string& staging, const std::string& trialDir, std::string* err);

/// Writes a sealed result in `staging` for a trial the cluster stopped for its
/// own reason (its Slurm time limit, its memory limit).
bool writeStoppedResult(const std::string& staging, const std::string& status,
                        const std::string& reason, double seconds, std::string* err);

/// Removes a staging folder and what it holds (best effort: a lost job may
/// still write into it).
void removeStaging(const std::string& staging);

/// Reads the trial's id from its plan.
bool trialId(const std::string& trialDir, std::string* id, std::string* err);

} // namespace hpoc::rt::slurm
