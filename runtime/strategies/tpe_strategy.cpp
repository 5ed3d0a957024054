#include "runtime/strategies/tpe_strategy.h"

#include "runtime/spec/config_canon.h"
#include "runtime/support/sha256.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpoc::rt {

namespace {

/// Redraws of the candidates before a proposal falls back to a random draw,
/// when every candidate repeats a tried configuration.
constexpr int kAttempts = 8;

bool succeeded(const TrialRecord& t) {
  return t.status == "ok" && t.metric && std::isfinite(*t.metric);
}

/// A parameter with one possible value: nothing to estimate.
bool isSingle(const ParamSpec& p) {
  if (p.kind == ParamKind::Float || p.kind == ParamKind::Int)
    return p.lo >= p.hi;
  if (p.kind == ParamKind::Categorical || p.kind == ParamKind::Ordinal)
    return p.choices.size() < 2;
  return false;
}

/// The trials split for TPE: the good group (the best finished trials with a
/// metric) and the rest, where failed trials and trials in flight count as the
/// worst; both in trial order.
struct TrialSplit {
  std::vector<const TrialRecord*> good, rest;
  std::size_t finished = 0, failed = 0, inFlight = 0;
  double threshold = 0; ///< the good group's worst metric, when it has one
};

TrialSplit splitTrials(const std::vector<TrialRecord>& history, bool maximize) {
  TrialSplit s;
  std::vector<const TrialRecord*> ok;
  for (const TrialRecord& t : history) {
    if (t.status.empty()) {
      ++s.inFlight;
      s.rest.push_back(&t);
    } else if (++s.finished, succeeded(t)) {
      ok.push_back(&t);
    } else {
      ++s.failed;
      s.rest.push_back(&t);
    }
  }
  std::stable_sort(ok.begin(), ok.end(), [maximize](const TrialRecord* a, const TrialRecord* b) {
    return maximize ? *a->metric > *b->metric : *a->metric < *b->metric;
  });
  std::size_t k = std::min(tpeGoodGroupSize(s.finished), ok.size());
  s.good.assign(ok.begin(), ok.begin() + static_cast<std::ptrdiff_t>(k));
  s.rest.insert(s.rest.end(), ok.begin() + static_cast<std::ptrdiff_t>(k), ok.end());
  if (k)
    s.threshold = *s.good.back()->metric;
  auto byNumber = [](const TrialRecord* a, const TrialRecord* b) { return a->number < b->number; };
  std::stable_sort(s.good.begin(), s.good.end(), byNumber);
  std::stable_sort(s.rest.begin(), s.rest.end(), byNumber);
  return s;
}

/// The estimator over the parameters `params` (indices into the space), fitted
/// on the trials of `group` where all of them are active.
ParzenEstimator fitEstimator(const StudySpec& spec, const std::vector<std::size_t>& params,
                             const std::vector<const TrialRecord*>& group,
                             const TpeOptions& options) {
  std::vector<ParzenDimension> dims;
  dims.reserve(params.size());
  for (std::size_t i : params)
    dims.push_back(tpeDimension(spec.space[i]));
  std::vector<std::vector<double>> rows;
  for (const TrialRecord* t : group) {
    std::vector<double> row;
    for (std::size_t i : params) {
      const ParamSpec& p = spec.space[i];
      std::optional<double> x =
          t->config.contains(p.name) ? tpeInternalValue(p, t->config[p.name]) : std::nullopt;
      if (!x)
        break;
      row.push_back(*x);
    }
    if (row.size() == params.size())
      rows.push_back(std::move(row));
  }
  return ParzenEstimator(std::move(dims), rows, tpeObservationWeights(rows.size()),
                         options.priorWeight, options.bandwidth);
}

struct Candidate {
  std::vector<double> x;
  double score = 0; ///< log l(x) - log g(x)
};

/// `count` draws from `good`, best l(x)/g(x) first (draw order breaks ties).
std::vector<Candidate> rankCandidates(const ParzenEstimator& good, const ParzenEstimator& rest,
                                      int count, std::mt19937_64& rng) {
  std::vector<Candidate> out;
  for (int i = 0; i < count; ++i) {
    Candidate c{good.sample(rng), 0};
    c.score = good.logPdf(c.x) - rest.logPdf(c.x);
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  return out;
}

std::uint64_t seedFor(std::int64_t seed, int trial, int attempt) {
  std::string h = sha256Hex("tpe/" + std::to_string(seed) + "/" + std::to_string(trial) + "/" +
                            std::to_string(attempt));
  return std::stoull(h.substr(0, 16), nullptr, 16);
}

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string rationaleFor(const StudySpec& spec, const TrialSplit& split, int candidates,
                         double score, std::size_t rank) {
  std::string r = "TPE: the best of " + std::to_string(candidates) +
                  " draws from the good trials' estimator, log l(x)/g(x) = " + shortNumber(score);
  if (rank > 0)
    r += " (" + std::to_string(rank) + " better-scored draws were tried already)";
  r += "; good group: ";
  if (split.good.empty())
    r += "none yet (no finished trial has a metric), so l(x) is the prior";
  else
    r += "the best " + std::to_string(split.good.size()) + " of " +
         plural(split.finished, "finished trial") + ", " + spec.goal.metric +
         (spec.goal.maximize ? " >= " : " <= ") + shortNumber(split.threshold);
  if (split.failed || split.inFlight) {
    r += "; ";
    if (split.failed)
      r += plural(split.failed, "failed trial") + (split.inFlight ? " and " : "");
    if (split.inFlight)
      r += std::to_string(split.inFlight) + " in flight";
    r += " counted as the worst";
  }
  return r;
}

/// A proposal of `config`, the `rank`-th best scored draw (earlier ones repeated
/// tried configurations), with what TPE saw in words and in numbers.
Proposal tpeProposal(const StudySpec& spec, const TrialSplit& split, int candidates, Config config,
                     double score, std::size_t rank) {
  Proposal p;
  p.config = std::move(config);
  p.source = "tpe";
  p.rationale = rationaleFor(spec, split, candidates, score, rank);
  p.details = {{"tpe",
                {{"finished", split.finished},
                 {"good", split.good.size()},
                 {"failed", split.failed},
                 {"in_flight", split.inFlight},
                 {"candidates", candidates},
                 {"log_ratio", std::isfinite(score) ? Value(score) : Value()},
                 {"rank", rank}}}};
  return p;
}

} // namespace

std::size_t tpeGoodGroupSize(std::size_t finished) {
  return std::min<std::size_t>((finished + 9) / 10, 25);
}

std::vector<double> tpeObservationWeights(std::size_t n) {
  std::vector<double> w(n, 1.0);
  if (n < 25)
    return w;
  const std::size_t ramp = n - 25;
  for (std::size_t i = 0; i < ramp; ++i) // evenly from 1/n to 1, both ends included
    w[i] = ramp == 1 ? 1.0 / double(n)
                     : 1.0 / double(n) + (1 - 1.0 / double(n)) * double(i) / double(ramp - 1);
  return w;
}

ParzenDimension tpeDimension(const ParamSpec& p) {
  switch (p.kind) {
  case ParamKind::Float:
    return p.log ? ParzenDimension::continuous(std::log(p.lo), std::log(p.hi))
                 : ParzenDimension::continuous(p.lo, p.hi);
  case ParamKind::Int:
    return p.log ? ParzenDimension::continuous(std::log(p.lo - 0.5), std::log(p.hi + 0.5))
                 : ParzenDimension::discrete(p.lo, p.hi);
  case ParamKind::Ordinal:
    return ParzenDimension::discrete(0, double(p.choices.size()) - 1);
  case ParamKind::Categorical:
    return ParzenDimension::categorical(static_cast<int>(p.choices.size()));
  case ParamKind::Bool:
    return ParzenDimension::categorical(2);
  }
  return {};
}

std::optional<double> tpeInternalValue(const ParamSpec& p, const Value& v) {
  switch (p.kind) {
  case ParamKind::Float:
  case ParamKind::Int: {
    if (!v.is_number())
      return std::nullopt;
    double x = v.get<double>();
    if (!(x >= p.lo && x <= p.hi))
      return std::nullopt;
    return p.log ? std::log(x) : x;
  }
  case ParamKind::Bool:
    return v.is_boolean() ? std::optional<double>(v.get<bool>() ? 1 : 0) : std::nullopt;
  case ParamKind::Categorical:
  case ParamKind::Ordinal: {
    auto at = std::find(p.choices.begin(), p.choices.end(), v);
    if (at == p.choices.end())
      return std::nullopt;
    return double(at - p.choices.begin());
  }
  }
  return std::nullopt;
}

Value tpeExternalValue(const ParamSpec& p, double x) {
  switch (p.kind) {
  case ParamKind::Float:
    return std::clamp(roundSignificant(p.log ? std::exp(x) : x, 4), p.lo, p.hi);
  case ParamKind::Int:
    return std::clamp(static_cast<std::int64_t>(std::llround(p.log ? std::exp(x) : x)),
                      static_cast<std::int64_t>(p.lo), static_cast<std::int64_t>(p.hi));
  case ParamKind::Bool:
    return x >= 0.5;
  case ParamKind::Categorical:
  case ParamKind::Ordinal:
    return p.choices[std::min(static_cast<std::size_t>(std::max(x, 0.0)), p.choices.size() - 1)];
  }
  return nullptr;
}

TpeStrategy::TpeStrategy(const StudySpec& spec, std::int64_t seed, TpeOptions options)
    : spec_(spec), seed_(seed), options_(options),
      startup_(spec, seed,
               RandomOptions{
                   "TPE's start-up: " +
                       plural(std::size_t(std::max(options.startupTrials, 0)), "random trial") +
                       " before its estimators",
                   options.defaultFirst}) {}

std::vector<Proposal> TpeStrategy::propose(const std::vector<TrialRecord>& history, int firstNumber,
                                           int count) {
  std::vector<TrialRecord> seen = history;
  std::set<std::string> tried;
  for (const TrialRecord& t : seen)
    tried.insert(canonicalJson(canonicalConfig(spec_, t.config)));
  std::vector<Proposal> out;
  for (int k = firstNumber; k < firstNumber + count; ++k) {
    std::optional<Proposal> p = proposeOne(seen, k, tried);
    if (!p)
      break; // the space has no untried configuration left
    tried.insert(canonicalJson(canonicalConfig(spec_, p->config)));
    TrialRecord inFlight;
    inFlight.number = k;
    inFlight.config = p->config;
    seen.push_back(std::move(inFlight));
    out.push_back(std::move(*p));
  }
  return out;
}

std::vector<Proposal> TpeStrategy::topCandidates(const std::vector<TrialRecord>& history,
                                                 int number, std::size_t k,
                                                 const std::set<std::string>& tried) const {
  std::vector<Proposal> out;
  std::size_t finished = 0;
  for (const TrialRecord& t : history)
    finished += !t.status.empty();
  if (finished == 0 || k == 0)
    return out;
  const TrialSplit split = splitTrials(history, spec_.goal.maximize);
  std::vector<std::size_t> core, conditional;
  for (std::size_t i = 0; i < spec_.space.size(); ++i)
    if (!isSingle(spec_.space[i]))
      (spec_.space[i].when ? conditional : core).push_back(i);
  // Conditional parameters get an estimator each, fitted on the trials where they are active.
  const ParzenEstimator good = fitEstimator(spec_, core, split.good, options_);
  const ParzenEstimator rest = fitEstimator(spec_, core, split.rest, options_);
  std::vector<ParzenEstimator> goodOf, restOf;
  for (std::size_t i : conditional) {
    goodOf.push_back(fitEstimator(spec_, {i}, split.good, options_));
    restOf.push_back(fitEstimator(spec_, {i}, split.rest, options_));
  }
  std::set<std::string> taken = tried;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::mt19937_64 rng(seedFor(seed_, number, attempt));
    std::vector<Candidate> ranked = rankCandidates(good, rest, options_.candidates, rng);
    for (std::size_t r = 0; r < ranked.size(); ++r) {
      std::vector<Value> values(spec_.space.size());
      for (std::size_t i = 0; i < spec_.space.size(); ++i)
        if (isSingle(spec_.space[i]))
          values[i] = tpeExternalValue(spec_.space[i], tpeDimension(spec_.space[i]).lo);
      for (std::size_t j = 0; j < core.size(); ++j)
        values[core[j]] = tpeExternalValue(spec_.space[core[j]], ranked[r].x[j]);
      for (std::size_t j = 0; j < conditional.size(); ++j) {
        Candidate best = rankCandidates(goodOf[j], restOf[j], options_.candidates, rng).front();
        values[conditional[j]] = tpeExternalValue(spec_.space[conditional[j]], best.x[0]);
      }
      Config config = activeConfig(spec_, values);
      if (!taken.insert(canonicalJson(config)).second)
        continue;
      std::size_t rank = r + static_cast<std::size_t>(attempt) * ranked.size();
      out.push_back(tpeProposal(spec_, split, options_.candidates, std::move(config),
                                ranked[r].score, rank - out.size()));
      if (out.size() == k)
        return out;
    }
  }
  return out;
}

std::optional<Proposal> TpeStrategy::proposeOne(const std::vector<TrialRecord>& history, int number,
                                                const std::set<std::string>& tried) {
  std::size_t finished = 0;
  for (const TrialRecord& t : history)
    finished += !t.status.empty();
  auto randomDraw = [&](RandomStrategy& random) -> std::optional<Proposal> {
    std::vector<Proposal> drawn = random.propose(history, number, 1);
    return drawn.empty() ? std::nullopt : std::optional<Proposal>(std::move(drawn.front()));
  };
  // By trial number, so that a parallel study starts with as many random trials
  // as a sequential one (Optuna counts finished trials instead).
  if (number <= options_.startupTrials || finished == 0)
    return randomDraw(startup_);

  std::vector<Proposal> best = topCandidates(history, number, 1, tried);
  if (!best.empty())
    return std::move(best.front());
  RandomStrategy fallback(
      spec_, seed_,
      RandomOptions{"standing in for TPE, whose candidates had all been tried", false});
  return randomDraw(fallback);
}

} // namespace hpoc::rt
