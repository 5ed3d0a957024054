#include "runtime/runner/runner.h"

#include "runtime/exec/trial_runner.h"
#include "runtime/runner/runner_options.h"
#include "runtime/runner/study_run.h"
#include "runtime/support/exit_codes.h"
#include "runtime/support/top_level.h"

#include <iostream>

namespace hpoc::rt {

namespace {

int runRunner(const StudySpec& spec, int argc, char** argv) {
  RunnerOptions options;
  std::string err;
  if (!parseRunnerOptions(argc, argv, &options, &err)) {
    std::cerr << "hpoc: error: " << err << "\n";
    return kRunExitUsage;
  }
  if (options.help) {
    std::cout << runnerUsage(argv[0]);
    return 0;
  }
  if (!options.runTrial.empty())
    return runTrialMain(options.runTrial);
  return runStudy(spec, options);
}

} // namespace

int runnerMain(const StudySpec& spec, int argc, char** argv) {
  // Expected failures are messages with a status; an exception that escapes is a
  // bug, reported in one line instead of an abort. The journal is safe either way:
  // it holds only whole, synced lines.
  return runGuarded(
      "hpoc: " + spec.name, [&] { return runRunner(spec, argc, argv); }, std::cerr);
}

} // namespace hpoc::rt
