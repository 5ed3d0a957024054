#include "runtime/strategies/random_strategy.h"

#include "runtime/spec/config_canon.h"
#include "runtime/support/sha256.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace hpoc::rt {

double roundSignificant(double v, int digits) {
  if (v == 0 || !std::isfinite(v))
    return v;
  double scale =
      std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
  return std::round(v * scale) / scale;
}

namespace {

void collectParams(const Condition& c, std::set<std::string>* out) {
  if (!c.param.empty())
    out->insert(c.param);
  for (const Condition& child : c.children)
    collectParams(child, out);
}

Value sampleValue(const ParamSpec& p, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  switch (p.kind) {
  case ParamKind::Float: {
    double v = p.log ? std::exp(std::log(p.lo) + unit(rng) * (std::log(p.hi) - std::log(p.lo)))
                     : p.lo + unit(rng) * (p.hi - p.lo);
    return std::clamp(roundSignificant(v, 4), p.lo, p.hi);
  }
  case ParamKind::Int: {
    auto lo = static_cast<std::int64_t>(p.lo), hi = static_cast<std::int64_t>(p.hi);
    if (!p.log)
      return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    double v = std::exp(std::log(double(lo)) +
                        unit(rng) * (std::log(double(hi) + 1) - std::log(double(lo))));
    return std::clamp(static_cast<std::int64_t>(std::floor(v)), lo, hi);
  }
  case ParamKind::Bool:
    return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
  case ParamKind::Categorical:
  case ParamKind::Ordinal:
    return p.choices[std::uniform_int_distribution<std::size_t>(0, p.choices.size() - 1)(rng)];
  }
  return nullptr;
}

std::uint64_t seedFor(std::int64_t seed, int trial, int attempt) {
  std::string h = sha256Hex("random/" + std::to_string(seed) + "/" + std::to_string(trial) + "/" +
                            std::to_string(attempt));
  return std::stoull(h.substr(0, 16), nullptr, 16);
}

} // namespace

Config activeConfig(const StudySpec& spec, const std::vector<Value>& values) {
  Config config = Config::object();
  std::vector<bool> decided(spec.space.size(), false);
  std::set<std::string> decidedNames;
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < spec.space.size(); ++i) {
      const ParamSpec& p = spec.space[i];
      if (decided[i])
        continue;
      std::set<std::string> needs;
      if (p.when)
        collectParams(*p.when, &needs);
      bool ready = true;
      for (const std::string& n : needs)
        ready = ready && (decidedNames.count(n) || n == p.name);
      if (!ready)
        continue;
      if (!p.when || p.when->holds(config))
        config[p.name] = values[i];
      decided[i] = progress = true;
      decidedNames.insert(p.name);
    }
  }
  return canonicalConfig(spec, config);
}

namespace {

Value middleValue(const ParamSpec& p) {
  switch (p.kind) {
  case ParamKind::Float:
    return roundSignificant(p.log ? std::sqrt(p.lo * p.hi) : (p.lo + p.hi) / 2, 4);
  case ParamKind::Int: {
    double mid = p.log ? std::sqrt(p.lo * p.hi) : (p.lo + p.hi) / 2;
    return std::clamp(static_cast<std::int64_t>(std::llround(mid)), static_cast<std::int64_t>(p.lo),
                      static_cast<std::int64_t>(p.hi));
  }
  case ParamKind::Bool:
    return false;
  case ParamKind::Categorical:
  case ParamKind::Ordinal:
    return p.choices.empty() ? Value() : p.choices.front();
  }
  return nullptr;
}

/// A parameter's value when nothing else says: its default, else its middle.
Value startValue(const ParamSpec& p) {
  return p.defaultValue ? *p.defaultValue : middleValue(p);
}

/// `x` moved `fraction` of [lo, hi] up or down (in log space on a log scale),
/// stopped at the bound; nullopt when that leaves it where it was.
std::optional<double> stepNumber(double x, double lo, double hi, bool log, double fraction,
                                 bool up) {
  if (log && lo > 0) {
    std::optional<double> moved =
        stepNumber(std::log(std::max(x, lo)), std::log(lo), std::log(hi), false, fraction, up);
    return moved ? std::optional<double>(std::exp(*moved)) : std::nullopt;
  }
  double d = fraction * (hi - lo);
  double y = std::clamp(up ? x + d : x - d, lo, hi);
  return y == x ? std::nullopt : std::optional<double>(y);
}

/// The values a compass search tries for one parameter at `level`: a step of
/// 25% of the range halved `level` times, up and down; at least one step for an
/// integer; the adjacent values of an ordinal; every other choice of a
/// categorical; the flip of a bool.
std::vector<Value> compassValues(const ParamSpec& p, const Value& v, int level) {
  std::vector<Value> out;
  double fraction = 0.25 / double(1 << level);
  switch (p.kind) {
  case ParamKind::Float: {
    double x = v.is_number() ? v.get<double>() : middleValue(p).get<double>();
    for (bool up : {true, false})
      if (auto y = stepNumber(x, p.lo, p.hi, p.log, fraction, up)) {
        double r = std::clamp(roundSignificant(*y, 4), p.lo, p.hi);
        if (r != x)
          out.push_back(r);
      }
    break;
  }
  case ParamKind::Int: {
    auto lo = static_cast<std::int64_t>(p.lo), hi = static_cast<std::int64_t>(p.hi);
    std::int64_t x = v.is_number() ? v.get<std::int64_t>() : middleValue(p).get<std::int64_t>();
    for (bool up : {true, false}) {
      std::optional<double> y = stepNumber(double(x), p.lo, p.hi, p.log, fraction, up);
      std::int64_t n = y ? std::llround(*y) : x;
      if (n == x) // at least one step
        n = up ? x + 1 : x - 1;
      n = std::clamp(n, lo, hi);
      if (n != x)
        out.push_back(n);
    }
    break;
  }
  case ParamKind::Bool:
    out.push_back(!(v.is_boolean() && v.get<bool>()));
    break;
  case ParamKind::Ordinal: {
    auto at = std::find(p.choices.begin(), p.choices.end(), v);
    if (at == p.choices.end()) {
      out = p.choices;
      break;
    }
    if (at + 1 != p.choices.end())
      out.push_back(*(at + 1));
    if (at != p.choices.begin())
      out.push_back(*(at - 1));
    break;
  }
  case ParamKind::Categorical:
    for (const Value& c : p.choices)
      if (c != v)
        out.push_back(c);
    break;
  }
  return out;
}

/// The move from `previous` to `from` made once more from `from` (`start` holds
/// from's values): the same step of the one numeric or ordinal parameter the two
/// differ in, stopped at its bound; nullopt when they differ otherwise.
std::optional<Config> repeatMove(const StudySpec& spec, const Config& previous, const Config& from,
                                 const std::vector<Value>& start) {
  std::optional<std::size_t> moved;
  for (std::size_t i = 0; i < spec.space.size(); ++i) {
    const std::string& name = spec.space[i].name;
    if (from.contains(name) != previous.contains(name))
      return std::nullopt;
    if (!from.contains(name) || from[name] == previous[name])
      continue;
    if (moved)
      return std::nullopt; // two parameters moved: no single direction
    moved = i;
  }
  if (!moved)
    return std::nullopt;
  const ParamSpec& p = spec.space[*moved];
  const Value& a = previous[p.name];
  const Value& b = start[*moved];
  Value next;
  if ((p.kind == ParamKind::Float || p.kind == ParamKind::Int) && a.is_number() && b.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    bool log = p.log && p.lo > 0 && x > 0 && y > 0;
    double z = log ? std::exp(2 * std::log(y) - std::log(x)) : 2 * y - x;
    z = std::clamp(z, p.lo, p.hi);
    if (p.kind == ParamKind::Int)
      next = static_cast<std::int64_t>(std::llround(z));
    else
      next = std::clamp(roundSignificant(z, 4), p.lo, p.hi);
  } else if (p.kind == ParamKind::Ordinal) {
    auto ia = std::find(p.choices.begin(), p.choices.end(), a);
    auto ib = std::find(p.choices.begin(), p.choices.end(), b);
    if (ia == p.choices.end() || ib == p.choices.end())
      return std::nullopt;
    std::ptrdiff_t k = (ib - p.choices.begin()) + (ib - ia);
    next = p.choices[static_cast<std::size_t>(
        std::clamp<std::ptrdiff_t>(k, 0, static_cast<std::ptrdiff_t>(p.choices.size()) - 1))];
  } else {
    return std::nullopt; // a categorical or bool move has no direction
  }
  if (next == b)
    return std::nullopt;
  std::vector<Value> values = start;
  values[*moved] = next;
  return activeConfig(spec, values);
}

} // namespace

std::optional<Config> neighbourConfig(const StudySpec& spec, const Config& from,
                                      const std::vector<Config>& tried, std::mt19937_64& rng,
                                      const Config* previous) {
  std::set<std::string> seen;
  for (const Config& t : tried)
    seen.insert(canonicalJson(canonicalConfig(spec, t)));
  std::vector<Value> start;
  for (const ParamSpec& p : spec.space)
    start.push_back(from.contains(p.name) ? from[p.name] : startValue(p));
  const std::string origin = canonicalJson(activeConfig(spec, start));
  if (previous) {
    if (std::optional<Config> again = repeatMove(spec, *previous, from, start)) {
      std::string key = canonicalJson(*again);
      if (key != origin && !seen.count(key))
        return again;
    }
  }
  // Every untried move of the finest level that still has one; the seed picks.
  for (int level = 0; level < kCompassLevels; ++level) {
    std::vector<Config> untried;
    std::set<std::string> listed;
    for (std::size_t i = 0; i < spec.space.size(); ++i) {
      if (!from.contains(spec.space[i].name))
        continue;
      for (const Value& v : compassValues(spec.space[i], start[i], level)) {
        std::vector<Value> values = start;
        values[i] = v;
        Config c = activeConfig(spec, values);
        std::string key = canonicalJson(c);
        if (key != origin && !seen.count(key) && listed.insert(key).second)
          untried.push_back(std::move(c));
      }
    }
    if (!untried.empty())
      return untried[std::uniform_int_distribution<std::size_t>(0, untried.size() - 1)(rng)];
  }
  return std::nullopt;
}

Config sampleConfig(const StudySpec& spec, std::mt19937_64& rng) {
  // Every parameter draws its value (so one parameter's presence does not shift
  // the others' draws); then activity is decided in dependency order.
  std::vector<Value> drawn;
  for (const ParamSpec& p : spec.space)
    drawn.push_back(sampleValue(p, rng));
  return activeConfig(spec, drawn);
}

Config defaultConfig(const StudySpec& spec) {
  std::vector<Value> values;
  for (const ParamSpec& p : spec.space)
    values.push_back(startValue(p));
  return activeConfig(spec, values);
}

RandomStrategy::RandomStrategy(const StudySpec& spec, std::int64_t seed, RandomOptions options)
    : spec_(spec), seed_(seed), options_(std::move(options)) {}

std::vector<Proposal> RandomStrategy::propose(const std::vector<TrialRecord>& history,
                                              int firstNumber, int count) {
  std::set<std::string> tried;
  for (const TrialRecord& t : history)
    tried.insert(canonicalJson(canonicalConfig(spec_, t.config)));
  std::vector<Proposal> out;
  for (int k = firstNumber; k < firstNumber + count; ++k) {
    if (k == 1 && options_.defaultFirst) {
      Config c = defaultConfig(spec_);
      if (tried.insert(canonicalJson(c)).second) {
        Proposal p;
        p.config = std::move(c);
        p.source = "default";
        p.rationale = "the study's default configuration, tried first; random draws follow";
        out.push_back(std::move(p));
        continue;
      }
    }
    // The draw depends only on (seed, trial number, attempt): a study resumed
    // after a crash proposes what the lost run would have proposed.
    bool found = false;
    for (int attempt = 0; attempt < 1000 && !found; ++attempt) {
      std::mt19937_64 rng(seedFor(seed_, k, attempt));
      Config c = sampleConfig(spec_, rng);
      if (!tried.insert(canonicalJson(c)).second)
        continue;
      Proposal p;
      p.config = std::move(c);
      p.source = "random";
      p.rationale =
          "uniform random draw (seed " + std::to_string(seed_) + ", trial " + std::to_string(k) +
          (attempt ? ", redrawn " + std::to_string(attempt) + "x to avoid a repeat" : "") + ")" +
          (options_.note.empty() ? "" : "; " + options_.note);
      out.push_back(std::move(p));
      found = true;
    }
    if (!found)
      break; // the space has no untried configuration left
  }
  return out;
}

} // namespace hpoc::rt
