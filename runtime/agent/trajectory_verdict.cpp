#include "runtime/agent/trajectory_verdict.h"

#include "runtime/agent/creator_prompt.h"
#include "runtime/agent/prompt_template.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace hpoc::agent {

namespace {

/// One numeric column of the trajectory with the epoch label of each row.
struct Series {
  std::vector<double> values; ///< as logged, non-finite values kept
  std::vector<std::string> labels;
  bool nonFinite = false;
};

std::optional<double> number(const nlohmann::json& row, const std::string& key) {
  if (!row.is_object() || !row.contains(key))
    return std::nullopt;
  const nlohmann::json& v = row[key];
  if (v.is_number())
    return v.get<double>();
  if (v.is_string()) { // "nan", "inf" as some loggers write them
    const std::string& s = v.get_ref<const std::string&>();
    if (s == "nan" || s == "NaN" || s == "inf" || s == "-inf" || s == "Infinity")
      return std::nan("");
  }
  return std::nullopt;
}

Series column(const std::vector<nlohmann::json>& rows, const std::string& key) {
  static const char* kIndex[] = {"epoch", "step", "round", "iteration", "iter"};
  Series s;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::optional<double> v = number(rows[i], key);
    if (!v)
      continue;
    std::string label = std::to_string(i + 1);
    for (const char* k : kIndex)
      if (rows[i].is_object() && rows[i].contains(k) && rows[i][k].is_number()) {
        label = shortNumber(rows[i][k].get<double>());
        break;
      }
    s.nonFinite = s.nonFinite || !std::isfinite(*v);
    s.values.push_back(*v);
    s.labels.push_back(label);
  }
  return s;
}

/// The training loss column: "train_loss", else "loss", else a key holding
/// "train" and "loss"; never the goal metric itself.
std::string lossKey(const std::vector<nlohmann::json>& rows, const std::string& goal) {
  for (const char* k : {"train_loss", "loss"})
    if (goal != k)
      for (const nlohmann::json& r : rows)
        if (number(r, k))
          return k;
  for (const nlohmann::json& r : rows)
    if (r.is_object())
      for (auto it = r.begin(); it != r.end(); ++it)
        if (it.key() != goal && it.key().find("train") != std::string::npos &&
            it.key().find("loss") != std::string::npos && it->is_number())
          return it.key();
  return {};
}

/// Direction changes of a series, ignoring steps smaller than `tol`.
int reversals(const std::vector<double>& v, double tol) {
  int count = 0, last = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    double d = v[i] - v[i - 1];
    int sign = d > tol ? 1 : d < -tol ? -1 : 0;
    if (sign != 0) {
      if (last != 0 && sign != last)
        ++count;
      last = sign;
    }
  }
  return count;
}

std::string firstLine(const std::string& text) {
  std::size_t end = text.find_last_not_of(" \n\r\t");
  if (end == std::string::npos)
    return {};
  std::string t = text.substr(0, end + 1);
  std::size_t start = t.find_last_of('\n');
  return start == std::string::npos ? t : t.substr(start + 1);
}

} // namespace

TrajectoryVerdict diagnoseTrajectory(const rt::StudySpec& spec, const ExecutorInput& in) {
  const std::string& metric = spec.goal.metric;
  Series m = column(in.trajectory, metric);
  std::string epochs =
      std::to_string(m.values.size()) + (m.values.size() == 1 ? " epoch" : " epochs");

  // A trial that did not finish is judged by how it ended.
  bool ok = in.outcome.rfind("ok", 0) == 0;
  if (!ok) {
    std::string status = in.outcome.substr(0, in.outcome.find_first_of(":( "));
    if (status == "timeout")
      return {"too_slow", "stopped at the trial time limit after " + epochs};
    if (status == "nan" || status == "diverged" || m.nonFinite)
      return {"diverged", "the metric or loss became non-finite after " + epochs};
    std::string tail = firstLine(in.stderrTail);
    return {"failed", status + (tail.empty() ? std::string() : ": " + defuse(tail, 120))};
  }
  if (m.nonFinite)
    return {"diverged", metric + " became non-finite during training"};
  if (m.values.size() < 2)
    return {"", m.values.empty() ? "no per-epoch " + metric + " was logged"
                                 : "one measurement of " + metric + ", no course to judge"};

  // Orient so that larger is better; tolerances are relative to the range seen.
  const std::size_t n = m.values.size();
  const double sign = spec.goal.maximize ? 1.0 : -1.0;
  std::vector<double> s;
  for (double v : m.values)
    s.push_back(sign * v);
  std::size_t best = 0;
  double lo = s[0], hi = s[0];
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] > s[best])
      best = i;
    lo = std::min(lo, s[i]);
    hi = std::max(hi, s[i]);
  }
  const double range = hi - lo;
  const double scale = std::max({std::fabs(hi), std::fabs(lo), 1e-12});
  auto at = [&](std::size_t i) { return shortNumber(m.values[i]); };
  auto epoch = [&](std::size_t i) { return "epoch " + m.labels[i]; };

  if (range <= 1e-9 * scale)
    return {"underfitting",
            metric + " stayed at " + at(0) + " for all " + epochs + ": the model did not learn"};
  // Moves smaller than this share of the metric's size are noise, not a course:
  // an AUC wobbling between 0.5061 and 0.5066 neither overfits nor learns.
  const double noise = 0.002 * scale;
  if (range <= noise)
    return {"converged", metric + " stayed between " + shortNumber(sign * lo) + " and " +
                             shortNumber(sign * hi) + " for all " + epochs +
                             ": moves under 0.2% of its size, no trend"};

  const double tol = std::max(0.02 * range, noise);
  const double drop = s[best] - s[n - 1];
  Series loss = column(in.trajectory, lossKey(in.trajectory, metric));
  bool lossFell = false, lossRose = false;
  if (loss.values.size() >= 2 && !loss.nonFinite) {
    std::size_t from = std::min(best, loss.values.size() - 1);
    lossFell = loss.values.back() < loss.values[from];
    lossRose = loss.values.back() > loss.values.front();
  }
  if (loss.nonFinite)
    return {"diverged",
            "the train loss became non-finite while " + metric + " reached " + at(best)};

  if (best + 1 < n && drop > std::max(0.1 * range, noise)) {
    std::string course = metric + " peaked at " + at(best) + " (" + epoch(best) +
                         ") and ended at " + at(n - 1) + " (" + epoch(n - 1) + ")";
    if (lossFell)
      return {"overfitting", course + " while the train loss kept falling"};
    if (lossRose)
      return {"diverged", course + " and the train loss rose"};
    return {"unstable", course};
  }
  if (n >= 4 && reversals(s, tol) >= static_cast<int>(n) / 2)
    return {"unstable", metric + " went up and down over " + epochs + ", between " +
                            shortNumber(sign * lo) + " and " + shortNumber(sign * hi)};

  // Still rising at the end, or settled: compare the last third with the whole course.
  std::size_t k = std::max<std::size_t>(1, n / 3);
  double tailGain = s[n - 1] - s[n - 1 - k];
  std::string tailText = "the last " + std::to_string(k) +
                         (k == 1 ? " epoch moved it by " : " epochs moved it by ") +
                         shortNumber(sign * tailGain);
  std::string course = metric + " went from " + at(0) + " to " + at(n - 1) + " in " + epochs;
  if (tailGain > 0.1 * range)
    return {"underfitting", course + ", still improving: " + tailText};
  return {"converged", course + "; " + tailText};
}

} // namespace hpoc::agent
