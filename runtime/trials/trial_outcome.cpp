#include "runtime/trials/trial_outcome.h"

#include <cctype>
#include <cmath>
#include <csignal>
#include <cstring>
#include <set>

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
/// The name without case or separators: "Val/Acc" and "val_acc" are the same.
std::string folded(const std::string& name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// What a trainer that missed the goal's metric did report, with the name it
/// most likely meant: the same name but for case and separators, else the
/// shortest name that holds the goal's (or that the goal's holds).
std::string reportedInstead(const MetricsReading& reading, const std::string& metric) {
  std::set<std::string> names;
  auto collect = [&](const nlohmann::json& row) {
    if (row.is_object())
      for (auto it = row.begin(); it != row.end(); ++it)
        if (it->is_number() || it->is_string())
          names.insert(it.key());
  };
  for (const nlohmann::json& row : reading.trajectory)
    collect(row);
  collect(reading.final);
  for (const char* bookkeeping : {"epoch", "step", "line", "final"})
    names.erase(bookkeeping);
  if (names.empty())
    return "";
  std::string goal = folded(metric), guess;
  for (const std::string& n : names) {
    std::string f = folded(n);
    if (f == goal) {
      guess = n;
      break;
    }
    if (!goal.empty() && !f.empty() &&
        (f.find(goal) != std::string::npos || goal.find(f) != std::string::npos) &&
        (guess.empty() || n.size() < guess.size()))
      guess = n;
  }
  std::string list;
  int shown = 0;
  for (const std::string& n : names) {
    if (shown == 8) {
      list += ", ...";
      break;
    }
    list += (shown++ ? ", " : "") + n;
  }
  return "; it reported " + list + (guess.empty() ? "" : "; did you mean '" + guess + "'?");
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
    o.reason = "peak memory " + fixed(exit.peakRssBytes / 1048576.0, 0) +
               " MiB is over the limit of " + fixed(*rules.memoryLimitBytes / 1048576.0, 0) +
               " MiB";
    return o;
  }
  o.metric = goalMetric(reading, rules.metric);
  if (!o.metric) {
    o.status = "no-metric";
    o.reason = "the trainer finished but reported no '" + rules.metric + "' (" +
               std::to_string(reading.trajectory.size()) +
               (reading.trajectory.size() == 1 ? " metric line" : " metric lines") +
               (reading.final.is_object() ? ", a final line" : ", no final line") + ")" +
               reportedInstead(reading, rules.metric);
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
