// hpoc-slurm-trial [SLURM OPTIONS] -- RUNNER --run-trial TRIAL_DIR
// The trial rule of a study with `executor slurm` runs each trial through this
// program (docs/cluster.md).
#include "runtime/slurm/slurm_trial.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  using namespace hpoc::rt::slurm;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout
        << "usage: hpoc-slurm-trial [--partition P] [--gres G] [--cpus N] [--mem M] [--time MIN]\n"
           "         [--account A] [--extra 'SRUN OPTIONS'] [--retries N] [--retry-delay SEC]\n"
           "         -- RUNNER --run-trial TRIAL_DIR\n"
           "Runs one trial as a Slurm job; publishes its result only when the job ran it to its "
           "end.\n";
    return 0;
  }
  SlurmRequest request;
  std::string err;
  if (!parseSlurmTrialArgs(args, &request, &err)) {
    std::cerr << "hpoc-slurm-trial: " << err << "\n";
    return kExitUsage;
  }
  // The pause between attempts grows with each; tests shorten it.
  if (const char* delay = std::getenv("HPOC_SLURM_RETRY_DELAY"))
    request.retryDelaySeconds = std::max(0.0, std::atof(delay));
  return runSlurmTrial(request);
}
