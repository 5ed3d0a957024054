// The body of `runner --run-trial DIR`, the command of every trial's Ninja edge:
// run the trainer the plan describes, read its metrics once it has exited, and
// write the sealed result. A trial that fails is still a result (exit 0); a
// non-zero exit means the runtime itself could not do its job.
#pragma once

#include <string>

namespace hpoc::rt {

/// Runs the trial in `trialDir` (which holds trial.json). Returns the exit code:
/// 0 when a result was written, 130 when interrupted, 1 on a runtime error
/// (printed to stderr, where Ninja shows it).
int runTrialMain(const std::string& trialDir);

} // namespace hpoc::rt
