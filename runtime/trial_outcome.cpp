#include "runtime/trial_outcome.h"

#include <cmath>
#include <csignal>
#include <cstring>

namespace hpoc::rt {

namespace {
std::string signalName(int sig) {
  const char* d = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (d ? std::string(" (") + d + ")" : "");
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
} // namespace

TrialOutcome classifyTrial(const TrainerExit& exit, const MetricsReading& reading,
                           const OutcomeRules& rules) {
  TrialOutcome o;
  if (!exit.started) {
    o.status = "failed";
    o.reason = exit.error;
    return o;
  }
  if (exit.timedOut) {
    o.status = "timeout";
    o.reason = "killed after " + fixed(exit.seconds, 1) + " s: over the time limit";
    return o;
  }
  if (exit.signal) {
    o.status = "failed";
    o.reason = "killed by " + signalName(exit.signal);
    return o;
  }
  if (exit.exitCode == kExitInvalidConfig) {
    o.status = "invalid-config";
    o.reason = "the trainer refused the configuration (exit 2)";
    return o;
  }
  if (exit.exitCode == kExitDiverged) {
    o.status = "diverged";
    o.reason = "the trainer stopped: training diverged (exit 3)";
    return o;
  }
  if (exit.exitCode != 0) {
    o.status = "failed";
    // /bin/sh reports a command killed by signal N as exit 128+N.
    o.reason = exit.exitCode > 128 && exit.exitCode < 160
                   ? "killed by " + signalName(exit.exitCode - 128)
                   : "exit code " + std::to_string(exit.exitCode);
    return o;
  }
  if (rules.memoryLimitBytes && exit.peakRssBytes > *rules.memoryLimitBytes) {
    o.status = "failed";
    o.reason = "peak memory " + fixed(exit.peakRssBytes / 1048576.0, 0) + " MiB is over the limit of " +
               fixed(*rules.memoryLimitBytes / 1048576.0, 0) + " MiB";
    return o;
  }
  o.metric = goalMetric(reading, rules.metric);
  if (!o.metric) {
    o.status = "no-metric";
    o.reason = "the trainer finished but reported no '" + rules.metric + "' (" +
               std::to_string(reading.trajectory.size()) + " metric lines" +
               (reading.final.is_object() ? ", a final line" : ", no final line") + ")";
    return o;
  }
  if (!std::isfinite(*o.metric)) {
    o.status = "nan";
    o.reason = "'" + rules.metric + "' is " + (std::isnan(*o.metric) ? "NaN" : "infinite");
    return o;
  }
  o.status = "ok";
  return o;
}

} // namespace hpoc::rt
