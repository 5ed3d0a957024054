#include "runtime/report_writer.h"

#include "runtime/file_util.h"
#include "runtime/progress.h"
#include "runtime/report/price_table.h"
#include "runtime/report/study_report.h"

#include <cstdio>
#include <map>

namespace hpoc::rt {

namespace {
report::ReportData toReportData(const ReportInput& in) {
  report::ReportData d;
  d.spec = in.spec;
  d.strategy = in.strategy;
  d.wallSeconds = in.wallSeconds;
  d.finished = in.finished;
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
  report::ReportData d = toReportData(in);
  std::string md = report::renderMarkdown(d);
  if (!in.stopReason.empty())
    md += "\nThe study stopped early: " + in.stopReason + ".\n";
  return writeFileIfChanged(joinPath(studyDir, "report.md"), md, err) &&
         writeFileIfChanged(joinPath(studyDir, "report.html"), report::renderHtml(d), err);
}

void printSummary(const ReportInput& in, const std::string& studyDir, std::ostream& out) {
  std::map<std::string, int> counts;
  int done = 0;
  for (const TrialRecord& t : in.trials)
    if (!t.status.empty())
      ++counts[t.status], ++done;
  out << "hpoc: " << in.spec->name << ": " << done << " of " << in.trials.size()
      << " trials done";
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
