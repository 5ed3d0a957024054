#include "runtime/spec/config_canon.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

namespace hpoc::rt {

bool isActive(const ParamSpec& p, const Config& config) {
  return !p.when || p.when->holds(config);
}

namespace {

bool isInteger(const Value& v) {
  if (v.is_number_integer())
    return true;
  if (!v.is_number_float())
    return false;
  double d = v.get<double>();
  return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15;
}

bool sameValue(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number())
    return a.get<double>() == b.get<double>();
  return a == b;
}

std::string shown(const Value& v) {
  return v.dump();
}

/// A number as users and models see it: 4 significant digits.
std::string shortText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

/// `config` with every choice it names spelled as declared; values that name no
/// choice stay as they are, for validation to report.
Config withDeclaredChoices(const StudySpec& spec, const Config& config) {
  if (!config.is_object())
    return config;
  Config out = config;
  for (const ParamSpec& p : spec.space) {
    if (p.kind != ParamKind::Categorical && p.kind != ParamKind::Ordinal)
      continue;
    auto it = out.find(p.name);
    if (it == out.end())
      continue;
    if (const Value* c = declaredChoice(p, *it))
      *it = *c;
  }
  return out;
}

bool checkValue(const ParamSpec& p, const Value& v, std::string* err) {
  auto fail = [&](const std::string& why) {
    *err = "parameter '" + p.name + "' = " + shown(v) + ": " + why;
    return false;
  };
  switch (p.kind) {
  case ParamKind::Float:
    if (!v.is_number())
      return fail("expected a number");
    if (!std::isfinite(v.get<double>()) || v.get<double>() < p.lo || v.get<double>() > p.hi)
      return fail("outside [" + floatText(p.lo) + ", " + floatText(p.hi) + "]");
    return true;
  case ParamKind::Int:
    if (!isInteger(v))
      return fail("expected an integer");
    if (v.get<double>() < p.lo || v.get<double>() > p.hi)
      return fail("outside [" + std::to_string(std::int64_t(p.lo)) + ", " +
                  std::to_string(std::int64_t(p.hi)) + "]");
    return true;
  case ParamKind::Bool:
    if (!v.is_boolean())
      return fail("expected true or false");
    return true;
  case ParamKind::Categorical:
  case ParamKind::Ordinal:
    if (declaredChoice(p, v))
      return true;
    return fail("not one of the declared choices");
  }
  return true;
}

} // namespace

const Value* declaredChoice(const ParamSpec& p, const Value& v) {
  for (const Value& c : p.choices)
    if (sameValue(c, v))
      return &c;
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    return nullptr;
  const std::string text = shortText(v.get<double>());
  const Value* named = nullptr;
  for (const Value& c : p.choices)
    if (c.is_number() && shortText(c.get<double>()) == text) {
      if (named)
        return nullptr; // two choices print alike: the value cannot tell them apart
      named = &c;
    }
  return named;
}

bool validateConfig(const StudySpec& spec, const Config& given, std::string* err) {
  const Config config = withDeclaredChoices(spec, given);
  if (!config.is_object()) {
    *err = "a configuration must be a JSON object";
    return false;
  }
  std::set<std::string> known;
  for (const ParamSpec& p : spec.space) {
    known.insert(p.name);
    bool active = isActive(p, config);
    auto it = config.find(p.name);
    if (active && it == config.end()) {
      *err = "parameter '" + p.name + "' is missing";
      return false;
    }
    if (!active && it != config.end()) {
      *err = "parameter '" + p.name + "' is given but its condition (" + p.when->str() +
             ") does not hold";
      return false;
    }
    if (active && !checkValue(p, *it, err))
      return false;
  }
  for (auto it = config.begin(); it != config.end(); ++it)
    if (!known.count(it.key())) {
      *err = "unknown parameter '" + it.key() + "'";
      return false;
    }
  return true;
}

Config canonicalConfig(const StudySpec& spec, const Config& given) {
  const Config config = withDeclaredChoices(spec, given);
  Config out = Config::object();
  for (const ParamSpec& p : spec.space) {
    auto it = config.find(p.name);
    if (it == config.end() || !isActive(p, config))
      continue;
    const Value& v = *it;
    switch (p.kind) {
    case ParamKind::Float:
      out[p.name] = v.get<double>();
      break;
    case ParamKind::Int:
      out[p.name] = static_cast<std::int64_t>(std::llround(v.get<double>()));
      break;
    case ParamKind::Bool:
      out[p.name] = v.get<bool>();
      break;
    case ParamKind::Categorical:
    case ParamKind::Ordinal:
      // The declared spelling wins: 8 and 8.0 name the same choice.
      if (const Value* c = declaredChoice(p, v))
        out[p.name] = *c;
      break;
    }
  }
  return out;
}

std::string canonicalJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false);
}

std::string floatText(double v) {
  if (!std::isfinite(v))
    return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  std::string s = nlohmann::json(v).dump();
  if (s.find_first_of(".eE") == std::string::npos)
    s += ".0";
  return s;
}

namespace {
std::string scalarText(const Value& v) {
  if (v.is_number_float())
    return floatText(v.get<double>());
  return v.dump(); // integers, booleans, and strings as JSON (double-quoted)
}
/// A key as YAML writes it: quoted when a YAML 1.1 reader (PyYAML) would take the
/// bare word for a boolean or null (`on: 3` reads as {True: 3}).
std::string yamlKey(const std::string& name) {
  static const char* const kSpecial[] = {"y",   "n",    "yes",   "no",  "on",
                                         "off", "true", "false", "null"};
  std::string lower;
  for (char c : name)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : kSpecial)
    if (lower == w)
      return nlohmann::json(name).dump();
  return name;
}
} // namespace

std::string configFileText(const StudySpec& spec, const Config& config, ConfigFormat format) {
  std::string out = format == ConfigFormat::Json ? "{\n" : "";
  bool first = true;
  for (const ParamSpec& p : spec.space) {
    auto it = config.find(p.name);
    if (it == config.end())
      continue;
    if (format == ConfigFormat::Json) {
      out += (first ? "  " : ",\n  ") + nlohmann::json(p.name).dump() + ": " + scalarText(*it);
    } else {
      out += yamlKey(p.name) + ": " + scalarText(*it) + "\n";
    }
    first = false;
  }
  if (format == ConfigFormat::Json)
    out += first ? "}\n" : "\n}\n";
  return out;
}

std::string configFileName(ConfigFormat format) {
  return format == ConfigFormat::Json ? "config.json" : "config.yaml";
}

std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

namespace {
/// A string value as is when it reads unambiguously on one line; else quoted and
/// escaped as JSON (a tab, a newline, ", " or "=" inside, spaces at its ends).
std::string plainOrQuoted(const std::string& v) {
  bool plain = !v.empty() && v.front() != ' ' && v.back() != ' ' &&
               v.find(", ") == std::string::npos && v.find('=') == std::string::npos &&
               std::none_of(v.begin(), v.end(), [](char c) {
                 return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
               });
  return plain ? v : nlohmann::json(v).dump();
}

} // namespace

std::string configSummary(const StudySpec& spec, const Config& config) {
  std::string out;
  for (const ParamSpec& p : spec.space) {
    auto it = config.find(p.name);
    if (it == config.end())
      continue;
    std::string v = it->is_string()         ? plainOrQuoted(it->get<std::string>())
                    : it->is_number_float() ? shortNumber(it->get<double>())
                                            : it->dump();
    out += (out.empty() ? "" : ", ") + p.name + "=" + v;
  }
  return out;
}

} // namespace hpoc::rt
