// Runs trials as Ninja targets. Each round the runner rewrites one manifest,
// hpo/<study>/trials.ninja (only when its bytes change), that includes the
// study's compiled rules (pool and the hpoc_trial rule) and lists one edge per
// trial, then asks Ninja for the round's targets. Ninja bounds how many run at
// once (the pool), prefixes each with the launcher (`srun ...`), records each in
// its log, and reports each as it finishes.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace hpoc::rt {

struct NinjaTrial {
  int number = 0;
  std::string folder; ///< absolute path of the trial's folder
};

struct NinjaSetup {
  std::string ninja = "ninja";
  std::string studyDir;
  std::string rulesFile; ///< the compiled <study>.ninja; empty: rules written inline
  std::string runner;    ///< this runner's binary
  std::string launcher;  ///< e.g. "srun -N1"; empty: none
  std::string slurmTrial = "hpoc-slurm-trial"; ///< the wrapper the rule of `executor slurm` runs
  int parallel = 1;
  std::string studyName;
};

class NinjaExecutor {
public:
  explicit NinjaExecutor(NinjaSetup setup) : setup_(std::move(setup)) {}

  /// The manifest's text for these trials (every trial of the study so far).
  std::string manifest(const std::vector<NinjaTrial>& trials) const;

  /// Writes the manifest (if changed) and builds `targets` (a subset of
  /// `trials`). `onFinished(folder)` is called as each trial's edge finishes,
  /// successful or not. False with `err` when Ninja cannot be started or reports
  /// an error of its own; `output` collects what Ninja printed besides progress.
  /// When `stopRequested` turns true (checked when a signal interrupts the wait),
  /// Ninja gets SIGINT: it stops the trials in flight and exits.
  bool run(const std::vector<NinjaTrial>& trials, const std::vector<NinjaTrial>& targets,
           const std::function<void(const std::string& folder)>& onFinished, std::string* output,
           std::string* err, const std::function<bool()>& stopRequested = {});

  std::string manifestPath() const;

private:
  NinjaSetup setup_;
};

} // namespace hpoc::rt
