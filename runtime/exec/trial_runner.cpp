#include "runtime/exec/trial_runner.h"

#include "runtime/spec/study_folders.h"
#include "runtime/support/file_util.h"
#include "runtime/support/trainer_process.h"
#include "runtime/trials/metrics_reader.h"
#include "runtime/trials/trial_outcome.h"
#include "runtime/trials/trial_store.h"

#include <chrono>
#include <cmath>
#include <csignal>
#include <ctime>
#include <fcntl.h>
#include <iostream>
#include <sys/file.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace hpoc::rt {

namespace {

std::string isoNow() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

/// The end of a failed trial's error output with the study's absolute folders
/// written as placeholders, so that the journal and the prompts that quote it
/// read the same wherever the study lives (stderr.log keeps the raw text).
std::string portableTail(const nlohmann::json& plan, const std::string& trialDir,
                         const std::string& stderrPath) {
  std::string studyDir = joinPath(joinPath(trialDir, ".."), "..");
  StudyFolders folders(plan.value("source_dir", ""), absolutePath(studyDir));
  return folders.mask(fileTail(stderrPath, 2000));
}

int fail(const std::string& dir, const std::string& msg) {
  std::cerr << "hpoc: trial " << dir << ": " << msg << "\n";
  return 1;
}

} // namespace

int runTrialMain(const std::string& dir) {
  // The trial dies with whoever started it (Ninja, exec'd by the launcher line);
  // the handler then kills the trainer's group.
  installInterruptHandlers();
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);

  std::string text, err;
  if (!readFile(joinPath(dir, trialfile::kPlan), &text, &err))
    return fail(dir, err);
  nlohmann::json plan = nlohmann::json::parse(text, nullptr, false);
  if (!plan.is_object() || !plan.contains("id") || !plan.contains("command"))
    return fail(dir, "trial.json is not a trial plan");

  // One runner per trial folder: a leftover from a killed run finishes its
  // cleanup before this one starts.
  int lock = ::open(joinPath(dir, trialfile::kLock).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0 || ::flock(lock, LOCK_EX) != 0)
    return fail(dir, "cannot lock the trial's folder (is the build tree writable?)");

  // Outputs of an earlier, interrupted attempt are never read as this one's.
  for (const char* f : {trialfile::kResult, trialfile::kMetrics, trialfile::kTrajectory})
    if (!removeFile(joinPath(dir, f), &err))
      return fail(dir, err);

  TrainerLaunch launch;
  launch.command = plan["command"].get<std::string>();
  launch.workdir = plan.value("workdir", dir);
  const nlohmann::json env = plan.value("env", nlohmann::json::object());
  for (auto& [k, v] : env.items())
    launch.env.emplace_back(k, v.get<std::string>());
  launch.stdoutPath = joinPath(dir, trialfile::kStdout);
  launch.stderrPath = joinPath(dir, trialfile::kStderr);
  launch.timeoutSeconds = plan.value("timeout_seconds", 0.0);
  std::string startedAt = isoNow();
  TrainerExit exit = runTrainer(launch);
  if (exit.interrupted)
    return 130;

  MetricsReading reading;
  if (plan.value("metrics", "jsonl") == "jsonl") {
    std::string metrics;
    if (readFile(joinPath(dir, trialfile::kMetrics), &metrics, &err))
      reading = readJsonLines(metrics);
  } else {
    std::string out;
    std::vector<MetricPatternSpec> patterns;
    for (const auto& p : plan.value("patterns", nlohmann::json::array()))
      patterns.push_back({p.at(0).get<std::string>(), p.at(1).get<std::string>()});
    if (readFile(launch.stdoutPath, &out, &err) &&
        !readStdoutPatterns(out, patterns, &reading, &err))
      return fail(dir, err);
  }
  OutcomeRules rules;
  rules.metric = plan.value("goal_metric", "");
  if (plan.contains("memory_limit_bytes") && plan["memory_limit_bytes"].is_number())
    rules.memoryLimitBytes = plan["memory_limit_bytes"].get<double>();
  TrialOutcome outcome = classifyTrial(exit, reading, rules);

  std::string trajectory;
  for (const nlohmann::json& step : reading.trajectory)
    trajectory += step.dump() + "\n";
  if (!writeFileAtomic(joinPath(dir, trialfile::kTrajectory), trajectory, &err, false))
    return fail(dir, err);

  nlohmann::json result = {
      {"id", plan["id"]},
      {"status", outcome.status},
      {"metric", outcome.metric && std::isfinite(*outcome.metric) ? nlohmann::json(*outcome.metric)
                                                                  : nlohmann::json(nullptr)},
      {"reason", outcome.reason},
      {"final", reading.final},
      {"steps", reading.trajectory.size()},
      {"bad_metric_lines", reading.badLines},
      {"exit_code", exit.exitCode},
      {"signal", exit.signal},
      {"seconds", std::round(exit.seconds * 1000) / 1000},
      {"peak_rss_bytes", exit.peakRssBytes},
      {"started_at", startedAt},
      {"stderr_tail", outcome.status == "ok" ? "" : portableTail(plan, dir, launch.stderrPath)}};
  if (outcome.metric && !std::isfinite(*outcome.metric))
    result["metric_text"] = std::isnan(*outcome.metric) ? "nan" : "inf";
  if (!sealResult(dir, &result, &err) ||
      !writeFileAtomic(joinPath(dir, trialfile::kResult), result.dump(2) + "\n", &err))
    return fail(dir, err);
  return 0;
}

} // namespace hpoc::rt
