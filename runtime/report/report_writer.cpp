#include "runtime/report/report_writer.h"

#include "runtime/report/price_table.h"
#include "runtime/report/study_report.h"
#include "runtime/spec/config_canon.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_record.h"
#include "runtime/trials/trial_store.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace hpoc::rt {

namespace {
/// The trial's trajectory.jsonl, one JSON object a line; empty when there is none.
std::vector<nlohmann::json> readTrajectory(const std::string& studyDir, const std::string& id) {
  std::vector<nlohmann::json> rows;
  std::string text, err;
  if (id.empty() || !readFile(joinPath(joinPath(joinPath(studyDir, "trials"), trialFolderName(id)),
                                       trialfile::kTrajectory),
                              &text, &err))
    return rows;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    nlohmann::json row = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
    if (row.is_object())
      rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

report::ReportData toReportData(const ReportInput& in, const std::string& studyDir) {
  report::ReportData d;
  d.spec = in.spec;
  d.strategy = in.strategy;
  d.wallSeconds = in.wallSeconds;
  d.finished = in.finished;
  d.budget = in.budget;
  for (const TrialRecord& t : in.trials) {
    if (t.status.empty())
      continue;
    report::ReportTrial r;
    r.number = t.number;
    r.id = t.id;
    r.config = t.config;
    r.status = t.status;
    r.metric = t.metric;
    r.trainSeconds = t.seconds;
    r.source = t.source;
    r.rationale = t.rationale;
    r.verdict = t.verdict;
    r.analysis = t.analysis;
    r.errorTail = t.status == "ok" ? "" : t.errorTail;
    r.trajectory = readTrajectory(studyDir, t.id);
    d.trials.push_back(std::move(r));
  }
  if (in.llm.any()) {
    report::LlmUsage u;
    for (const std::string& m : in.llm.models)
      u.endpoint += (u.endpoint.empty() ? "" : ", ") + m;
    if (in.llm.allLocal)
      u.endpoint += u.endpoint.empty() ? "local llama-server" : " on the local llama-server";
    u.promptTokens = in.llm.promptTokens;
    u.completionTokens = in.llm.completionTokens;
    u.calls = in.llm.calls;
    u.cachedCalls = in.llm.cachedCalls;
    u.checkedTexts = in.llm.checkedTexts;
    u.replacedTexts = in.llm.replacedTexts;
    u.seconds = in.llm.seconds;
    if (in.llm.allLocal) {
      u.cost = 0.0;
    } else if (in.llm.models.size() == 1) {
      std::string warning;
      u.cost = report::loadPriceTable(&warning).cost(*in.llm.models.begin(), u.promptTokens,
                                                     u.completionTokens);
    }
    d.llm = std::move(u);
  }
  if (in.summary) {
    report::CreatorSummary c;
    c.summary = in.summary->summary;
    c.influence = in.summary->influence;
    c.next = in.summary->next;
    d.creator = std::move(c);
  }
  return d;
}
} // namespace

bool writeReports(const ReportInput& in, const std::string& studyDir, std::string* err) {
  report::ReportData d = toReportData(in, studyDir);
  std::string md = report::renderMarkdown(d);
  if (!in.stopReason.empty())
    md += "\nThe study stopped early: " + in.stopReason + ".\n";
  for (const report::ReportImage& image : report::reportImages(d))
    if (!writeFileIfChanged(joinPath(studyDir, image.file), image.svg, err))
      return false;
  return writeFileIfChanged(joinPath(studyDir, "report.md"), md, err) &&
         writeFileIfChanged(joinPath(studyDir, "report.html"), report::renderHtml(d), err);
}

std::string proposalSources(const std::vector<TrialRecord>& trials) {
  std::map<std::string, int> bySource;
  for (const TrialRecord& t : trials)
    ++bySource[t.source.empty() ? "unknown" : t.source];
  // The LLM's own sources first, in the order they rank.
  std::vector<std::string> order = source::sourceOrder();
  for (const auto& [source, n] : bySource)
    if (std::find(order.begin(), order.end(), source) == order.end())
      order.push_back(source);
  std::string text;
  for (const std::string& source : order)
    if (bySource.count(source))
      text += (text.empty() ? "" : ", ") + std::to_string(bySource[source]) + " " + source;
  return text;
}

namespace {
/// The agent's first lines: how many trials the LLM proposed, and what it cost.
void printLlmSummary(const ReportInput& in, std::ostream& out) {
  int fromLlm = 0, fallbacks = 0, proposed = 0;
  for (const TrialRecord& t : in.trials) {
    ++proposed;
    fromLlm += source::chosenByLlm(t.source);
    fallbacks += t.source == source::kSourceRandomFallback;
  }
  if (fallbacks > 0)
    out << "hpoc: warning: the LLM proposed " << fromLlm << " of " << proposed << " trials; "
        << fallbacks << (fallbacks == 1 ? " was a random draw" : " were random draws")
        << " because the LLM gave no usable answer (on_llm_failure random)\n";
  out << "hpoc: proposals: " << proposalSources(in.trials) << "\n";
  if (in.llm.checkedTexts)
    out << "hpoc: explanations: " << in.llm.replacedTexts << " of " << in.llm.checkedTexts
        << " LLM texts failed the check and were replaced by computed statements\n";
  const LlmTally& l = in.llm;
  out << "hpoc: LLM: " << l.calls << " call" << (l.calls == 1 ? "" : "s") << " answered";
  if (l.cachedCalls)
    out << ", " << l.cachedCalls << " answered from the response cache";
  if (l.failedCalls)
    out << ", " << l.failedCalls << " failed";
  out << "; " << report::thousands(l.promptTokens) << " prompt + "
      << report::thousands(l.completionTokens) << " completion tokens";
  if (l.seconds > 0) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.0f", l.seconds);
    out << " in " << secs << " s";
  }
  out << "\n";
}
} // namespace

void printSummary(const ReportInput& in, const std::string& studyDir, std::ostream& out) {
  if (isAgentStrategy(in.strategy))
    printLlmSummary(in, out);
  std::map<std::string, int> counts;
  int done = 0;
  for (const TrialRecord& t : in.trials)
    if (!t.status.empty())
      ++counts[t.status], ++done;
  out << "hpoc: " << in.spec->name << ": " << done << " of " << in.trials.size() << " trials done";
  std::string sep = " (";
  for (const auto& [status, n] : counts) {
    out << sep << n << " " << status;
    sep = ", ";
  }
  out << (counts.empty() ? "" : ")") << "\n";
  if (auto b = bestTrialIndex(*in.spec, in.trials)) {
    const TrialRecord& t = in.trials[*b];
    char metric[32];
    std::snprintf(metric, sizeof metric, "%.6g", *t.metric);
    out << "hpoc: best " << in.spec->goal.metric << " " << metric << " (trial " << t.number
        << "): " << configSummary(*in.spec, t.config) << "\n";
  } else {
    out << "hpoc: no trial succeeded\n";
  }
  if (!in.stopReason.empty())
    out << "hpoc: stopped early: " << in.stopReason << "\n";
  out << "hpoc: report: " << joinPath(studyDir, "report.md") << "\n";
}

} // namespace hpoc::rt
