// Runs one trainer: a /bin/sh command in its own process group, stdout and
// stderr to files, with a timeout that kills the whole group. The trainer dies
// with the runner (PR_SET_PDEATHSIG) and an interrupt kills its group, so no
// trainer outlives the trial that started it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hpoc::rt {

struct TrainerLaunch {
  std::string command; ///< run with /bin/sh -c
  std::string workdir;
  std::vector<std::pair<std::string, std::string>> env; ///< added to the environment
  std::string stdoutPath, stderrPath;
  double timeoutSeconds = 0; ///< 0: none
  double graceSeconds = 2;   ///< between SIGTERM and SIGKILL
};

struct TrainerExit {
  bool started = false;
  std::string error;        ///< why it could not start
  int exitCode = -1;        ///< when it exited
  int signal = 0;           ///< when a signal killed it
  bool timedOut = false;    ///< we killed it at the timeout
  bool interrupted = false; ///< the runner was told to stop (SIGINT/SIGTERM/SIGHUP)
  double seconds = 0;
  long long peakRssBytes = 0;
};

/// Installs SIGINT/SIGTERM/SIGHUP handlers that make runTrainer() stop its
/// trainer and return with `interrupted` set. Call once per process.
void installInterruptHandlers();

TrainerExit runTrainer(const TrainerLaunch& launch);

} // namespace hpoc::rt
