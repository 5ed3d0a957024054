// Reads what a trainer reported: JSON lines written to {metrics}, or numbers
// found by patterns in its stdout. It only ever reads a finished trainer's files
// (the trial runner calls it after the process is gone).
#pragma once

#include "runtime/spec/study_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace hpoc::rt {

struct MetricsReading {
  std::vector<nlohmann::json> trajectory; ///< one object per step or epoch, in order
  nlohmann::json final;                   ///< the `"final": true` line (without that key), or null
  int badLines = 0;                       ///< lines that were not JSON objects
  bool truncatedTail = false;             ///< the last line had no newline and did not parse
};

/// Parses JSON lines. Values may be numbers, or the strings "nan", "inf", "-inf";
/// bare NaN/Infinity (as Python's json module writes them) are accepted too.
MetricsReading readJsonLines(const std::string& text);

/// Applies `patterns` to each stdout line; a line with matches becomes one
/// trajectory entry {metric: value, "line": n}. False with `err` for a bad regex.
bool readStdoutPatterns(const std::string& text, const std::vector<MetricPatternSpec>& patterns,
                        MetricsReading* out, std::string* err);

/// A metric's value: a JSON number, or one of the strings "nan", "inf", "-inf".
std::optional<double> metricNumber(const nlohmann::json& v);

/// The goal metric of a reading: from the final line when it has it, else the
/// last trajectory entry that has it.
std::optional<double> goalMetric(const MetricsReading& reading, const std::string& metric);

} // namespace hpoc::rt
