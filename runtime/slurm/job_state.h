// A Slurm job's state as the controller tells it: `sacct` when the cluster keeps
// accounting, else `scontrol show job` (which forgets a job MinJobAge seconds
// after it ends). The parsers are separate from the commands so that tests can
// feed them text.
#pragma once

#include <string>
#include <vector>

namespace hpoc::rt::slurm {

struct JobState {
  bool known = false; ///< the controller answered about this job
  std::string state;  ///< COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, ...
  std::string reason; ///< scontrol's Reason, or sacct's "by UID" for a cancellation
  std::string nodes;
  std::string exitCode; ///< "0:0" (status:signal)
};

/// Parses one job of `scontrol show job -o ID`.
JobState parseScontrolJob(const std::string& text);

/// Parses `sacct -j ID -X -n -P -o State,ExitCode,NodeList`.
JobState parseSacct(const std::string& text);

/// True for a state a job does not leave (COMPLETED, FAILED, CANCELLED, ...).
bool isFinalState(const std::string& state);

/// Runs `argv` with stdout and stderr captured; its exit status, or -1 when it
/// could not start or was killed. Never throws.
int runCaptured(const std::vector<std::string>& argv, std::string* output);

/// Asks the controller about `jobId` once. `err` says why there is no answer
/// (the controller is unreachable, the job is forgotten).
JobState queryJob(const std::string& jobId, std::string* err);

} // namespace hpoc::rt::slurm
