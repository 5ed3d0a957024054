#include "runtime/trials/metrics_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <re2/re2.h>

namespace hpoc::rt {

namespace {

/// Python writes NaN, Infinity and -Infinity bare; JSON has no such tokens.
std::string quoteNonFinite(const std::string& line) {
  std::string out;
  bool inString = false, escaped = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (inString && escaped)
      escaped = false;
    else if (inString && c == '\\')
      escaped = true;
    else if (c == '"')
      inString = !inString;
    if (!inString) {
      if (line.compare(i, 3, "NaN") == 0) {
        out += "\"nan\"", i += 2;
        continue;
      }
      if (line.compare(i, 9, "-Infinity") == 0) {
        out += "\"-inf\"", i += 8;
        continue;
      }
      if (line.compare(i, 8, "Infinity") == 0) {
        out += "\"inf\"", i += 7;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/// Copies the members of `obj` into `out`, a nested object's under "outer.inner"
/// (as {"val": {"acc": 0.9}} is logged and named: val.acc). A name the row already
/// has keeps its value.
void flattenInto(const nlohmann::json& obj, const std::string& prefix, nlohmann::json* out,
                 int depth) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it.value().is_object() && depth < 8)
      flattenInto(it.value(), name, out, depth + 1);
    else if (!out->contains(name))
      (*out)[name] = it.value();
  }
}

void addMetricsRow(nlohmann::json row, MetricsReading* r) {
  if (std::any_of(row.begin(), row.end(), [](const nlohmann::json& v) { return v.is_object(); })) {
    nlohmann::json flat = nlohmann::json::object();
    for (auto it = row.begin(); it != row.end(); ++it) // flat names first: they win
      if (!it.value().is_object())
        flat[it.key()] = it.value();
    for (auto it = row.begin(); it != row.end(); ++it)
      if (it.value().is_object())
        flattenInto(it.value(), it.key(), &flat, 1);
    row = std::move(flat);
  }
  auto final = row.find("final");
  if (final != row.end() && final->is_boolean() && final->get<bool>()) {
    row.erase("final");
    r->final = std::move(row);
  } else {
    r->trajectory.push_back(std::move(row));
  }
}

} // namespace

std::optional<double> metricNumber(const nlohmann::json& v) {
  if (v.is_number())
    return v.get<double>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (char& c : s)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "nan")
      return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf" || s == "infinity")
      return std::numeric_limits<double>::infinity();
    if (s == "-inf" || s == "-infinity")
      return -std::numeric_limits<double>::infinity();
    // A number written as a string ("0.91", as str() or an f-string gives it).
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() &&
        !std::isspace(static_cast<unsigned char>(s[0])))
      return v;
  }
  return std::nullopt;
}

MetricsReading readJsonLines(const std::string& text) {
  MetricsReading r;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    bool complete = nl != std::string::npos;
    std::string line = text.substr(pos, (complete ? nl : text.size()) - pos);
    pos = complete ? nl + 1 : text.size();
    if (line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded())
      j = nlohmann::json::parse(quoteNonFinite(line), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      if (!complete)
        r.truncatedTail = true;
      else
        ++r.badLines;
      continue;
    }
    addMetricsRow(std::move(j), &r);
  }
  if (r.badLines > 0) {
    // Not JSON lines, but maybe one JSON document (json.dump(m, indent=2)): an
    // object is the final metrics, an array of objects the trajectory. (JSON
    // lines of two rows or more never parse as one document.)
    nlohmann::json doc = nlohmann::json::parse(quoteNonFinite(text), nullptr, false);
    if (doc.is_object()) {
      doc["final"] = true;
      doc = nlohmann::json::array({std::move(doc)});
    }
    if (doc.is_array() && !doc.empty() &&
        std::all_of(doc.begin(), doc.end(),
                    [](const nlohmann::json& row) { return row.is_object(); })) {
      MetricsReading whole;
      for (nlohmann::json& row : doc)
        addMetricsRow(std::move(row), &whole);
      return whole;
    }
  }
  return r;
}

bool readStdoutPatterns(const std::string& text, const std::vector<MetricPatternSpec>& patterns,
                        MetricsReading* out, std::string* err) {
  // RE2, not std::regex: its time is linear in the line and it does not recurse,
  // so a long line (a progress bar's 100 kB) cannot overflow the stack.
  RE2::Options options;
  options.set_log_errors(false);
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> compiled;
  for (const MetricPatternSpec& p : patterns) {
    auto re = std::make_unique<RE2>(p.regex, options);
    if (!re->ok()) {
      *err = "the pattern for '" + p.metric + "' is not a valid regular expression: " + re->error();
      return false;
    }
    if (re->NumberOfCapturingGroups() < 1) {
      *err = "the pattern for '" + p.metric + "' has no capture group; wrap the number in ( )";
      return false;
    }
    compiled.emplace_back(p.metric, std::move(re));
  }
  std::size_t pos = 0;
  int lineNo = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    ++lineNo;
    // A progress bar redraws its line after '\r'; what a terminal would show is
    // the last drawing, so each metric takes its value from the last part of the
    // line that has it (not the first, which is the bar's earliest state).
    std::vector<std::string> parts;
    for (std::size_t from = 0;;) {
      std::size_t cr = line.find('\r', from);
      parts.push_back(line.substr(from, cr == std::string::npos ? std::string::npos : cr - from));
      if (cr == std::string::npos)
        break;
      from = cr + 1;
    }
    nlohmann::json entry = nlohmann::json::object();
    for (const auto& [metric, re] : compiled) {
      for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
        std::string s;
        if (!RE2::PartialMatch(*part, *re, &s))
          continue;
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str())
          continue;
        entry[metric] = std::isfinite(v)
                            ? nlohmann::json(v)
                            : nlohmann::json(std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
        break;
      }
    }
    if (!entry.empty()) {
      entry["line"] = lineNo;
      out->trajectory.push_back(std::move(entry));
    }
  }
  return true;
}

std::optional<double> goalMetric(const MetricsReading& reading, const std::string& metric) {
  if (reading.final.is_object() && reading.final.contains(metric))
    return metricNumber(reading.final[metric]);
  for (auto it = reading.trajectory.rbegin(); it != reading.trajectory.rend(); ++it)
    if (it->contains(metric))
      return metricNumber((*it)[metric]);
  return std::nullopt;
}

} // namespace hpoc::rt
