#include "runtime/report/importance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hpoc::report {

namespace {

/// 1-based ranks, ties sharing the mean of the ranks they span.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
      ++j;
    double mean = (static_cast<double>(i + j) / 2.0) + 1.0;
    for (std::size_t k = i; k <= j; ++k)
      r[order[k]] = mean;
    i = j + 1;
  }
  return r;
}

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
  double n = static_cast<double>(x.size());
  double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0)
    return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

bool categorical(const rt::ParamSpec& p) {
  return p.kind == rt::ParamKind::Categorical || p.kind == rt::ParamKind::Ordinal ||
         p.kind == rt::ParamKind::Bool;
}

/// The value on the axis the correlation reads: the choice's index, or the number.
std::optional<double> position(const rt::ParamSpec& p, const rt::Value& v) {
  if (categorical(p)) {
    auto it = std::find(p.choices.begin(), p.choices.end(), v);
    if (it == p.choices.end())
      return std::nullopt;
    return static_cast<double>(it - p.choices.begin());
  }
  if (!v.is_number())
    return std::nullopt;
  double x = v.get<double>();
  // Ranks do not change under a monotone map; the log is kept so that the
  // positions match what the plots show.
  return p.log && x > 0 ? std::log(x) : x;
}

} // namespace

std::optional<double> spearmanRho(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 3)
    return std::nullopt;
  return pearson(ranks(x), ranks(y));
}

std::optional<double> varianceShare(const std::vector<int>& group, const std::vector<double>& y) {
  if (group.size() != y.size() || y.size() < 3)
    return std::nullopt;
  double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double total = 0;
  for (double v : y)
    total += (v - mean) * (v - mean);
  std::vector<int> keys = group;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (total <= 0 || keys.size() < 2)
    return std::nullopt;
  double between = 0;
  for (int k : keys) {
    double sum = 0, n = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
      if (group[i] == k)
        sum += y[i], n += 1;
    between += n * (sum / n - mean) * (sum / n - mean);
  }
  return between / total;
}

std::vector<ParamImportance> parameterImportance(const rt::StudySpec& spec,
                                                 const std::vector<ReportTrial>& trials) {
  std::vector<ParamImportance> out;
  for (const rt::ParamSpec& p : spec.space) {
    std::vector<double> x, y;
    for (const ReportTrial& t : trials) {
      if (t.status != "ok" || !t.metric || !std::isfinite(*t.metric) || !t.config.contains(p.name))
        continue;
      if (auto pos = position(p, t.config[p.name])) {
        x.push_back(*pos);
        y.push_back(*t.metric);
      }
    }
    ParamImportance imp;
    imp.name = p.name;
    imp.trials = static_cast<int>(x.size());
    imp.spearman = spearmanRho(x, y);
    if (categorical(p)) {
      std::vector<int> group(x.begin(), x.end());
      imp.varianceShare = varianceShare(group, y);
    }
    out.push_back(std::move(imp));
  }
  return out;
}

std::string importanceReading(const rt::StudySpec& spec, const ParamImportance& p) {
  if (!p.spearman)
    return "";
  double rho = *p.spearman;
  if (std::abs(rho) < 0.3)
    return "no clear trend";
  bool largerIsBetter = (rho > 0) == spec.goal.maximize;
  bool ordered = false;
  for (const rt::ParamSpec& s : spec.space)
    if (s.name == p.name)
      ordered = s.kind == rt::ParamKind::Float || s.kind == rt::ParamKind::Int ||
                s.kind == rt::ParamKind::Ordinal;
  std::string what = ordered ? "larger values" : "later choices (declared order)";
  return what + " go with a " + (largerIsBetter ? "better " : "worse ") + spec.goal.metric;
}

} // namespace hpoc::report
