#include "runtime/trials/trial_plan.h"

#include "runtime/spec/config_canon.h"
#include "runtime/support/command_line.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_store.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#ifndef HPOC_PYTHON_DIR
#define HPOC_PYTHON_DIR ""
#endif

namespace hpoc::rt {

namespace {
/// The folders of hpoc_trainer.py (the source tree's, the installed one) first,
/// then whatever the user had.
std::string pythonPath() {
  std::string path = HPOC_PYTHON_DIR;
  if (const char* old = std::getenv("PYTHONPATH"); old && *old)
    path += (path.empty() ? "" : ":") + std::string(old);
  return path;
}
} // namespace

double trialTimeout(const StudySpec& spec) {
  double timeout = spec.trainer.timeoutSeconds;
  if (spec.goal.trialTimeSeconds)
    timeout =
        timeout > 0 ? std::min(timeout, *spec.goal.trialTimeSeconds) : *spec.goal.trialTimeSeconds;
  return timeout;
}

bool makeTrialPlan(const StudySpec& spec, const Config& config, const std::string& id,
                   const TrialPlanContext& ctx, nlohmann::json* plan, std::string* err) {
  const std::string& dir = ctx.trialDir;
  std::string configName = configFileName(spec.trainer.config);
  std::map<std::string, std::string> values = {{"config", joinPath(dir, configName)},
                                               {"metrics", joinPath(dir, trialfile::kMetrics)},
                                               {"trial_dir", dir},
                                               {"seed", std::to_string(spec.agent.seed)},
                                               {"study_dir", spec.sourceDir},
                                               {"trainer", ctx.trainerBinary}};
  std::string command;
  std::string templ = ctx.trainerBinary.empty() ? ctx.command : "{trainer} " + spec.trainer.args;
  if (!expandCommand(templ, values, &command, err))
    return false;
  nlohmann::json patterns = nlohmann::json::array();
  for (const MetricPatternSpec& p : spec.trainer.patterns)
    patterns.push_back({p.metric, p.regex});
  *plan = {{"id", id},
           {"identity", identityDocument(*ctx.inputs, canonicalConfig(spec, config))},
           {"command", command},
           {"source_dir", spec.sourceDir},
           {"workdir", spec.trainer.workdir.empty() ? dir : studyPath(spec, spec.trainer.workdir)},
           {"env",
            {{"HPOC_CONFIG", values["config"]},
             {"HPOC_METRICS", values["metrics"]},
             {"HPOC_TRIAL_DIR", dir},
             {"HPOC_SEED", values["seed"]},
             {"PYTHONPATH", pythonPath()}}},
           {"config_file", configName},
           {"metrics", spec.trainer.metrics == MetricsSource::JsonLines ? "jsonl" : "stdout"},
           {"patterns", patterns},
           {"goal_metric", spec.goal.metric},
           {"timeout_seconds", trialTimeout(spec)},
           {"memory_limit_bytes", spec.goal.memoryBytes ? nlohmann::json(*spec.goal.memoryBytes)
                                                        : nlohmann::json(nullptr)}};
  return true;
}

} // namespace hpoc::rt
