// hpoc-slurm-trial: runs one trial as a Slurm job and publishes its result
// only when the job ran it to its end. Each attempt gets its own staging folder
// (staging_area.h) and a verdict from three witnesses (attempt_verdict.h); a
// cluster failure is retried a bounded number of times and never cached; an
// interrupt cancels the job. Every attempt is recorded in the trial's folder as
// one line of attempts.jsonl.
#pragma once

#include "runtime/slurm/slurm_request.h"

namespace hpoc::rt::slurm {

/// Exit statuses of hpoc-slurm-trial besides 0 (published, by this run or by
/// another build of the same study).
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInfrastructure = 75; ///< every attempt failed for the cluster's sake
inline constexpr int kExitInterrupted = 130;

int runSlurmTrial(const SlurmRequest& request);

} // namespace hpoc::rt::slurm
