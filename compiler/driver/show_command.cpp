// `hpoc show STUDY_DIR`: what a study folder holds, from its journal: the trials
// with their status, metric, source and configuration, the best one, and what the
// LLM did; as text, as JSON for scripts, or as CSV for pandas. It reads only:
// the journal is neither locked nor repaired.
#include "compiler/driver/commands.h"
#include "compiler/driver/study_folder.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace hpoc::driver {
namespace {

std::string number(double v) {
  return metricText(v);
}

std::string valueText(const nlohmann::json& v) {
  return v.is_string()         ? v.get<std::string>()
         : v.is_number_float() ? number(v.get<double>())
                               : v.dump();
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break.
std::string csvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::json asJson(const StudyFolder& s) {
  nlohmann::json trials = nlohmann::json::array();
  for (const rt::TrialRecord& t : s.state.trials)
    trials.push_back({{"trial", t.number},
                      {"status", t.status.empty() ? "pending" : t.status},
                      {"metric", t.metric ? nlohmann::json(*t.metric) : nlohmann::json()},
                      {"seconds", t.seconds},
                      {"source", t.source},
                      {"rationale", t.rationale},
                      {"config", t.config}});
  const rt::LlmTally& l = s.state.llm;
  return {{"study", s.study},
          {"strategy", s.strategy},
          {"goal", {{"metric", s.metric}, {"maximize", s.maximize}}},
          {"best", s.best ? nlohmann::json(s.state.trials[*s.best].number) : nlohmann::json()},
          {"llm",
           {{"calls", l.calls},
            {"cached_calls", l.cachedCalls},
            {"failed_calls", l.failedCalls},
            {"prompt_tokens", l.promptTokens},
            {"completion_tokens", l.completionTokens}}},
          {"trials", trials}};
}

void printCsv(const StudyFolder& s, std::ostream& out) {
  std::set<std::string> params;
  for (const rt::TrialRecord& t : s.state.trials)
    for (auto it = t.config.begin(); it != t.config.end(); ++it)
      params.insert(it.key());
  out << "trial,status," << csvCell(s.metric) << ",seconds,source";
  for (const std::string& p : params)
    out << "," << csvCell(p);
  out << "\n";
  for (const rt::TrialRecord& t : s.state.trials) {
    out << t.number << "," << (t.status.empty() ? "pending" : t.status) << ","
        << (t.metric ? number(*t.metric) : "") << "," << number(t.seconds) << ","
        << csvCell(t.source);
    for (const std::string& p : params)
      out << "," << (t.config.contains(p) ? csvCell(valueText(t.config[p])) : "");
    out << "\n";
  }
}

void printText(const StudyFolder& s, const std::string& dir, std::ostream& out) {
  int done = 0;
  for (const rt::TrialRecord& t : s.state.trials)
    done += !t.status.empty();
  out << "study " << s.study << " (" << dir << "): strategy " << s.strategy << ", "
      << (s.maximize ? "maximize " : "minimize ") << s.metric << "; " << done << " of "
      << s.state.trials.size() << " trials finished\n";
  if (s.best)
    out << "best: " << s.metric << " " << number(*s.state.trials[*s.best].metric) << " (trial "
        << s.state.trials[*s.best].number << ")\n";
  else
    out << "best: no trial succeeded\n";
  std::map<std::string, int> bySource;
  for (const rt::TrialRecord& t : s.state.trials)
    ++bySource[t.source.empty() ? "unknown" : t.source];
  std::string sources;
  for (const auto& [source, n] : bySource)
    sources += (sources.empty() ? "" : ", ") + std::to_string(n) + " " + source;
  out << "proposals: " << (sources.empty() ? "none" : sources) << "\n";
  const rt::LlmTally& l = s.state.llm;
  if (l.any())
    out << "LLM: " << l.calls << " calls answered, " << l.cachedCalls << " from the cache, "
        << l.failedCalls << " failed; " << l.promptTokens << " prompt + " << l.completionTokens
        << " completion tokens\n";
  if (l.checkedTexts)
    out << "explanations: " << l.replacedTexts << " of " << l.checkedTexts
        << " LLM texts failed the check and were replaced by computed statements\n";
  out << "\n";
  char head[160];
  std::snprintf(head, sizeof head, "%5s  %-10s %12s  %-16s %s\n", "trial", "status",
                s.metric.substr(0, 12).c_str(), "source", "configuration");
  out << head;
  for (std::size_t i = 0; i < s.state.trials.size(); ++i) {
    const rt::TrialRecord& t = s.state.trials[i];
    std::string config;
    for (auto it = t.config.begin(); it != t.config.end(); ++it)
      config += (config.empty() ? "" : ", ") + it.key() + "=" + valueText(it.value());
    char line[160];
    std::snprintf(line, sizeof line, "%4d%s  %-10s %12s  %-16s ", t.number,
                  s.best && *s.best == i ? "*" : " ",
                  t.status.empty() ? "pending" : t.status.c_str(),
                  t.metric ? number(*t.metric).c_str() : "-", t.source.c_str());
    out << line << config << "\n";
  }
}

} // namespace

void addShowCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* show = hpoc.add_subcommand(
      "show", "summarise a study folder from its journal: trials, best, the LLM's work");
  setSynopsis(*show, "hpoc show STUDY_DIR [--json | --csv]");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto csv = std::make_shared<bool>(false);
  show->add_option("STUDY_DIR", *dir, "the study's folder (build/hpo/NAME)")->required();
  CLI::Option* j = show->add_flag("--json", *json, "the study as JSON, for scripts");
  show->add_flag("--csv", *csv, "the trials as CSV, one column per parameter (for pandas)")
      ->excludes(j);
  show->callback([dir, json, csv, show, &ctx] {
    if (!ctx.compilerArgs.empty()) {
      ctx.status = usageError(*show, ctx, "unexpected argument '--'");
      return;
    }
    StudyFolder s;
    std::string err;
    if (!loadStudyFolder(*dir, &s, &err)) {
      ctx.err << "hpoc show: error: " << err << "\n";
      ctx.status = 1;
      return;
    }
    if (*json)
      ctx.out << asJson(s).dump(2) << "\n";
    else if (*csv)
      printCsv(s, ctx.out);
    else
      printText(s, *dir, ctx.out);
    ctx.status = 0;
  });
}

} // namespace hpoc::driver
