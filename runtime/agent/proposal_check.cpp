#include "runtime/agent/proposal_check.h"

#include "runtime/spec/config_canon.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace hpoc::agent {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string shown(const rt::Value& v) {
  std::string s = v.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

std::string numberText(double v) {
  rt::Value j = v;
  return j.dump();
}

/// Checks one value and returns its canonical form through `out`.
bool checkValue(const rt::ParamSpec& p, const rt::Value& v, rt::Value& out, ProposalCheck& r) {
  const std::string& name = p.name;
  switch (p.kind) {
  case rt::ParamKind::Float:
  case rt::ParamKind::Int: {
    if (!v.is_number()) {
      r.errors.push_back("'" + name + "' must be a number, got " + shown(v));
      return false;
    }
    double d = v.get<double>();
    if (!std::isfinite(d)) {
      r.errors.push_back("'" + name + "' must be finite");
      return false;
    }
    if (p.kind == rt::ParamKind::Int) {
      if (d != std::floor(d)) {
        r.errors.push_back("'" + name + "' must be an integer, got " + shown(v));
        return false;
      }
      if (!v.is_number_integer())
        r.notes.push_back("'" + name + "' given as " + shown(v) + ", read as an integer");
    }
    if (d < p.lo || d > p.hi) {
      // The LLM's grammar bounds integers but not numbers, and a small model asks
      // for "more" with a value past the end (subsample 1.5 in [0.5, 1]); its
      // intent is the bound, so take that rather than spend a repair round.
      double bound = std::clamp(d, p.lo, p.hi);
      r.notes.push_back("'" + name + "' = " + shown(v) + " is outside its range [" +
                        numberText(p.lo) + ", " + numberText(p.hi) + "], set to " +
                        numberText(bound));
      d = bound;
    }
    if (p.kind == rt::ParamKind::Int)
      out = static_cast<std::int64_t>(d);
    else
      out = d;
    return true;
  }
  case rt::ParamKind::Bool:
    if (!v.is_boolean()) {
      r.errors.push_back("'" + name + "' must be true or false, got " + shown(v));
      return false;
    }
    out = v;
    return true;
  case rt::ParamKind::Categorical:
  case rt::ParamKind::Ordinal:
    break;
  }
  for (const rt::Value& c : p.choices)
    if ((c.is_number() && v.is_number() && c.get<double>() == v.get<double>()) || c == v) {
      out = c;
      return true;
    }
  // "Adam" for "adam": accept when exactly one value matches without case.
  if (v.is_string()) {
    const rt::Value* match = nullptr;
    int matches = 0;
    for (const rt::Value& c : p.choices)
      if (c.is_string() && lower(c.get<std::string>()) == lower(v.get<std::string>())) {
        match = &c;
        ++matches;
      }
    if (matches == 1) {
      out = *match;
      r.notes.push_back("'" + name + "' given as " + shown(v) + ", read as " + match->dump());
      return true;
    }
    // "32" for 32.
    for (const rt::Value& c : p.choices)
      if (c.is_number() && v.get<std::string>() == c.dump()) {
        out = c;
        r.notes.push_back("'" + name + "' given as a string, read as " + c.dump());
        return true;
      }
  }
  // 0.0002783 for 0.000278255...: a number as the prompt showed it.
  if (const rt::Value* c = v.is_number() ? rt::declaredChoice(p, v) : nullptr) {
    out = *c;
    r.notes.push_back("'" + name + "' given as " + shown(v) + ", read as " + c->dump());
    return true;
  }
  std::string values;
  for (const rt::Value& c : p.choices)
    values += (values.empty() ? "" : ", ") + c.dump();
  r.errors.push_back("'" + name + "' = " + shown(v) + " is not one of its values: " + values);
  return false;
}

} // namespace

ProposalCheck checkProposal(const rt::StudySpec& spec, const rt::Config& proposal,
                            const std::vector<rt::Config>& tried) {
  ProposalCheck r;
  if (!proposal.is_object()) {
    r.errors.push_back("the configuration must be a JSON object of parameter values");
    return r;
  }
  for (auto it = proposal.begin(); it != proposal.end(); ++it) {
    bool known = std::any_of(spec.space.begin(), spec.space.end(),
                             [&](const rt::ParamSpec& p) { return p.name == it.key(); });
    if (!known)
      r.errors.push_back("unknown parameter '" + it.key() + "'");
  }
  // Values first, then conditions on the canonical values.
  rt::Config values = rt::Config::object();
  for (const rt::ParamSpec& p : spec.space) {
    auto it = proposal.find(p.name);
    if (it == proposal.end())
      continue;
    rt::Value canonical;
    if (checkValue(p, *it, canonical, r))
      values[p.name] = canonical;
  }
  r.config = rt::Config::object();
  for (const rt::ParamSpec& p : spec.space) {
    bool present = proposal.contains(p.name);
    if (!rt::isActive(p, values)) {
      if (present)
        r.notes.push_back("'" + p.name + "' dropped: it applies only when " + p.when->str());
      continue;
    }
    if (!present) {
      // The study's default is what the trainer does when told nothing.
      if (p.defaultValue) {
        r.config[p.name] = *p.defaultValue;
        r.notes.push_back("'" + p.name + "' missing, set to its default " + p.defaultValue->dump());
        continue;
      }
      r.errors.push_back("missing parameter '" + p.name + "'");
      continue;
    }
    if (values.contains(p.name))
      r.config[p.name] = values[p.name];
  }
  if (!r.ok())
    return r;
  for (std::size_t i = 0; i < tried.size(); ++i)
    if (tried[i] == r.config) {
      r.errors.push_back("this configuration repeats trial " + std::to_string(i + 1) +
                         "; propose one not tried yet");
      r.repeats = static_cast<int>(i + 1);
      break;
    }
  return r;
}

} // namespace hpoc::agent
