// The one place that decides how a trial's configuration is serialised: which
// parameters are active, the type of each value, and the exact bytes of the
// config file. Trial identities hash these bytes, so they must be canonical.
#pragma once

#include "runtime/spec/study_spec.h"

#include <string>

namespace hpoc::rt {

/// True when parameter `p` is active in `config`, i.e. it has no `when` clause or
/// the clause holds on the other active parameters.
bool isActive(const ParamSpec& p, const Config& config);

/// The declared choice of ordinal or categorical `p` that `v` names: the equal one,
/// or else the only number that prints as `v` does at the 4 significant digits that
/// prompts, progress lines and reports show (so `0.0002783` names a declared
/// `0.000278255940220712`). Null when `v` names none, or several, of the choices.
const Value* declaredChoice(const ParamSpec& p, const Value& v);

/// Checks `config` against the space: every active parameter present with a value
/// of its type inside its domain, no inactive or unknown parameter. False with a
/// one-line reason otherwise. Strategies' proposals pass through it. A choice given
/// as it is shown (see declaredChoice) is accepted.
bool validateConfig(const StudySpec& spec, const Config& config, std::string* err);

/// The canonical form of a valid config: ints as integers, floats as doubles,
/// only the active parameters, each choice as declared (nlohmann's object keeps keys
/// sorted).
Config canonicalConfig(const StudySpec& spec, const Config& config);

/// Canonical compact JSON text: sorted keys, shortest round-trip numbers.
std::string canonicalJson(const nlohmann::json& j);

/// The config file the trainer reads, in the study's format: pretty JSON, or flat
/// YAML (`name: value` lines, strings double-quoted so `no` stays a string).
/// Floats always carry a decimal point or exponent so that their type survives.
std::string configFileText(const StudySpec& spec, const Config& config, ConfigFormat format);

/// "config.json" or "config.yaml".
std::string configFileName(ConfigFormat format);

/// A number with a decimal point or exponent ("1.0", "0.001", "1e-05").
std::string floatText(double v);

/// `v` to 4 significant digits, as the console and the report show numbers.
std::string shortNumber(double v);

/// "max_depth=6, learning_rate=0.1" in the space's order.
std::string configSummary(const StudySpec& spec, const Config& config);

} // namespace hpoc::rt
