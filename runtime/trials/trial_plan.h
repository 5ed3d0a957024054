// A trial's plan (trial.json): everything `runner --run-trial` needs to run one
// trainer without the study: the expanded command line, its environment, where
// metrics appear, the goal's metric and the limits. Written by the study run,
// read by the trial runner.
#pragma once

#include "runtime/trials/trial_identity.h"

#include <string>

namespace hpoc::rt {

struct TrialPlanContext {
  std::string trialDir;      ///< absolute folder of the trial
  std::string trainerBinary; ///< a target trainer's binary; empty for a command trainer
  std::string command;       ///< the command template in force (study's or CMake's)
  const TrialInputs* inputs = nullptr;
};

/// Builds the plan of the trial `id` whose canonical config is `config`. False
/// with `err` when the command line has a bad placeholder.
bool makeTrialPlan(const StudySpec& spec, const Config& config, const std::string& id,
                   const TrialPlanContext& ctx, nlohmann::json* plan, std::string* err);

/// The effective time limit of a trial: the trainer's timeout and the goal's
/// trial_time, whichever is shorter; 0 when neither is set.
double trialTimeout(const StudySpec& spec);

} // namespace hpoc::rt
