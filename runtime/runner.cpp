#include "runtime/runner.h"

#include "runtime/runner_options.h"
#include "runtime/study_run.h"
#include "runtime/trial_runner.h"

#include <iostream>

namespace hpoc::rt {

int runnerMain(const StudySpec& spec, int argc, char** argv) {
  RunnerOptions options;
  std::string err;
  if (!parseRunnerOptions(argc, argv, &options, &err)) {
    std::cerr << "hpoc: error: " << err << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << runnerUsage(argv[0]);
    return 0;
  }
  if (!options.runTrial.empty())
    return runTrialMain(options.runTrial);
  return runStudy(spec, options);
}

} // namespace hpoc::rt
