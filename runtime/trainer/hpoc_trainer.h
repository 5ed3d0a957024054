// hpoc's trainer protocol for C++ trainers, header-only, standard library only.
// See docs/trainer-protocol.md. A trainer:
//
//   int main(int argc, char** argv) {
//     auto args = hpoc::trainer::Args::parse(argc, argv);     // --config, --metrics
//     auto config = hpoc::trainer::Config::load(args.config); // typed values
//     hpoc::trainer::Metrics metrics(args.metrics);
//     for (int epoch = 1; ...; ++epoch)
//       metrics.log({{"epoch", epoch}, {"train_loss", loss}, {"val_acc", acc}});
//     metrics.final({{"val_acc", best}});
//   }
//
// Exit 0 when training finished, kExitInvalidConfig when the configuration
// cannot be used, kExitDiverged when training blew up; anything else is a failure.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace hpoc::trainer {

inline constexpr int kExitInvalidConfig = 2;
inline constexpr int kExitDiverged = 3;

/// --config PATH and --metrics PATH from the command line, or HPOC_CONFIG and
/// HPOC_METRICS from the environment (the runner sets both).
struct Args {
  std::string config, metrics;
  static Args parse(int argc, char** argv) {
    Args a;
    if (const char* c = std::getenv("HPOC_CONFIG"))
      a.config = c;
    if (const char* m = std::getenv("HPOC_METRICS"))
      a.metrics = m;
    for (int i = 1; i + 1 < argc; ++i) {
      std::string k = argv[i];
      if (k == "--config")
        a.config = argv[++i];
      else if (k == "--metrics")
        a.metrics = argv[++i];
    }
    return a;
  }
};

/// A trial's configuration: a flat map from parameter name to a number, string
/// or boolean. Inactive parameters (a failed `when`) are absent.
class Config {
public:
  using Value = std::variant<double, std::string, bool>;

  /// Reads config.json or config.yaml as the runner writes them; throws
  /// std::runtime_error on a file it cannot read.
  static Config load(const std::string& path) {
    std::ifstream in(path);
    if (!in)
      throw std::runtime_error("hpoc_trainer: cannot read the config " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str());
  }

  /// Reads a config's text: JSON when it starts with '{', else flat YAML.
  static Config parse(const std::string& text) {
    Config c;
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{')
      c.parseJson(text);
    else
      c.parseYaml(text);
    return c;
  }

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  double number(const std::string& name, double fallback = 0) const {
    auto it = values_.find(name);
    return it != values_.end() && std::holds_alternative<double>(it->second)
               ? std::get<double>(it->second)
               : fallback;
  }
  long long integer(const std::string& name, long long fallback = 0) const {
    return has(name) ? std::llround(number(name, double(fallback))) : fallback;
  }
  std::string string(const std::string& name, const std::string& fallback = "") const {
    auto it = values_.find(name);
    return it != values_.end() && std::holds_alternative<std::string>(it->second)
               ? std::get<std::string>(it->second)
               : fallback;
  }
  bool boolean(const std::string& name, bool fallback = false) const {
    auto it = values_.find(name);
    return it != values_.end() && std::holds_alternative<bool>(it->second)
               ? std::get<bool>(it->second)
               : fallback;
  }
  const std::map<std::string, Value>& values() const { return values_; }

private:
  static std::string unquote(const std::string& s, std::size_t* pos) {
    std::string out;
    for (++*pos; *pos < s.size() && s[*pos] != '"'; ++*pos) {
      if (s[*pos] == '\\' && *pos + 1 < s.size()) {
        char e = s[++*pos];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += s[*pos];
      }
    }
    ++*pos;
    return out;
  }
  static Value scalar(const std::string& raw) {
    std::string s = raw;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == ','))
      s.pop_back();
    if (s == "true" || s == "false")
      return s == "true";
    if (!s.empty() && s.front() == '"') {
      std::size_t p = 0;
      return unquote(s, &p);
    }
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() && *end == '\0')
      return d;
    return s;
  }
  void parseJson(const std::string& t) {
    std::size_t p = t.find('{') + 1;
    while (p < t.size()) {
      p = t.find_first_of("\"}", p);
      if (p == std::string::npos || t[p] == '}')
        return;
      std::string key = unquote(t, &p);
      p = t.find(':', p);
      if (p == std::string::npos)
        return;
      ++p;
      while (p < t.size() && (t[p] == ' ' || t[p] == '\n'))
        ++p;
      std::size_t end = p;
      if (t[p] == '"') {
        std::size_t q = p;
        unquote(t, &q);
        end = q;
      } else {
        end = t.find_first_of(",}\n", p);
      }
      values_[key] = scalar(t.substr(p, end - p));
      p = end;
    }
  }
  void parseYaml(const std::string& t) {
    std::istringstream in(t);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#')
        continue;
      // hpoc quotes a key a YAML 1.1 reader would misread (`"on": 2`); the quotes
      // are not part of the name.
      std::string key;
      std::size_t colon = std::string::npos;
      if (line[0] == '"') {
        std::size_t end = 0;
        key = unquote(line, &end);
        colon = line.find(':', end);
      } else {
        colon = line.find(':');
        key = line.substr(0, colon);
      }
      if (colon == std::string::npos)
        continue;
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      values_[key] = scalar(v == std::string::npos ? "" : line.substr(v));
    }
  }
  std::map<std::string, Value> values_;
};

/// Writes metrics as JSON lines, one flush per line, so a killed trainer leaves
/// whole lines behind. NaN and infinities are written as "nan", "inf", "-inf".
class Metrics {
public:
  using Field = std::pair<std::string, double>;
  explicit Metrics(const std::string& path)
      : file_(path.empty() ? nullptr : std::fopen(path.c_str(), "w")) {}
  ~Metrics() {
    if (file_)
      std::fclose(file_);
  }
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  /// One step or epoch: {"epoch": 3, "val_acc": 0.91, ...}.
  void log(std::initializer_list<Field> fields) { write(fields, false); }
  /// The result of the trial: {"final": true, "val_acc": 0.93, ...}. Write it last.
  void final(std::initializer_list<Field> fields) { write(fields, true); }

private:
  void write(std::initializer_list<Field> fields, bool isFinal) {
    if (!file_)
      return;
    std::string line = "{";
    if (isFinal)
      line += "\"final\": true";
    for (const auto& [name, v] : fields) {
      if (line.size() > 1)
        line += ", ";
      line += "\"" + name + "\": ";
      char buf[40];
      if (std::isnan(v))
        line += "\"nan\"";
      else if (std::isinf(v))
        line += v > 0 ? "\"inf\"" : "\"-inf\"";
      else if (v == std::floor(v) && std::fabs(v) < 1e15)
        line += std::to_string(static_cast<long long>(v));
      else {
        std::snprintf(buf, sizeof buf, "%.9g", v);
        line += buf;
      }
    }
    line += "}\n";
    std::fputs(line.c_str(), file_);
    std::fflush(file_);
  }
  std::FILE* file_;
};

} // namespace hpoc::trainer
