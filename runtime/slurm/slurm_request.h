// What one trial asks of Slurm, read from hpoc-slurm-trial's command line (the
// flags `executor slurm { ... }` compiles into the trial rule), and the srun
// command line that asks for it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hpoc::rt::slurm {

struct SlurmRequest {
  std::string partition, gres, mem, account, extra;
  int cpus = 0;        ///< 0: Slurm's default
  int timeMinutes = 0; ///< 0: the partition's limit
  int retries = 2;     ///< attempts after a cluster failure
  double retryDelaySeconds = 5;
  std::vector<std::string> trialCommand; ///< RUNNER --run-trial TRIAL_DIR
  std::string trialDir;                  ///< absolute, the last word of trialCommand
};

/// Reads `hpoc-slurm-trial [--partition P] ... -- RUNNER --run-trial DIR`.
bool parseSlurmTrialArgs(const std::vector<std::string>& args, SlurmRequest* out, std::string* err);

/// Words as a POSIX shell splits them (quotes and backslashes; no expansions).
bool splitShellWords(const std::string& text, std::vector<std::string>* out, std::string* err);

/// The srun command line that runs `program` as one task on one node of a new job
/// (or, inside an allocation, as a step with --exact), with only `env` exported.
std::vector<std::string> srunArguments(const SlurmRequest& r, const std::string& jobName,
                                       const std::vector<std::string>& program,
                                       const std::vector<std::pair<std::string, std::string>>& env,
                                       bool insideAllocation);

/// The variables a trial takes along into its job: PATH, HOME and the locale,
/// PYTHONPATH, HPOC_*, and those named in HPOC_SLURM_EXPORT (comma-separated).
/// Values holding a comma cannot pass through srun's --export and are left out.
std::vector<std::pair<std::string, std::string>> exportedEnvironment(char** environ);

} // namespace hpoc::rt::slurm
