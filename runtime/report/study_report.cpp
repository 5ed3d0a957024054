#include "runtime/report/study_report.h"

#include "runtime/report/importance.h"
#include "runtime/report/report_plots.h"
#include "runtime/report/svg_chart.h"
#include "runtime/report/vega_page.h"
#include "runtime/strategies/strategy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace hpoc::report {

namespace {

std::string fmt(double v, const char* f = "%.4g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

/// Table cells hold no newlines or pipes.
std::string cell(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::string out;
  for (char c : s)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

bool better(const rt::StudySpec& spec, double a, double b) {
  return spec.goal.maximize ? a > b : a < b;
}

std::string headline(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  std::ostringstream out;
  int done = static_cast<int>(d.trials.size());
  out << "Strategy: " << d.strategy << ". Trials: " << done << " of "
      << (d.budget > 0 ? d.budget : spec.goal.trials) << (d.finished ? "" : " (not finished)")
      << ".";
  if (rt::isAgentStrategy(d.strategy)) {
    std::map<std::string, int> bySource;
    int fromLlm = 0, fallbacks = 0;
    for (const ReportTrial& t : d.trials) {
      ++bySource[t.source];
      fromLlm += rt::source::chosenByLlm(t.source);
      fallbacks += t.source == rt::source::kSourceRandomFallback;
    }
    out << " The LLM proposed " << fromLlm << " of " << done << " trials";
    std::string sep = " (";
    for (const auto& [source, n] : bySource) {
      out << sep << n << " " << (source.empty() ? "unknown" : source);
      sep = ", ";
    }
    out << (bySource.empty() ? "" : ")") << ".";
    if (fallbacks)
      out << " **" << fallbacks
          << (fallbacks == 1 ? " trial was a random draw" : " trials were random draws")
          << " because the LLM gave no usable answer.**";
  }
  if (auto b = bestTrial(d))
    out << " Best " << spec.goal.metric << ": " << fmt(*d.trials[*b].metric) << " (trial "
        << d.trials[*b].number << ").";
  else
    out << " No trial succeeded yet.";
  double train = 0;
  int failed = 0;
  for (const ReportTrial& t : d.trials) {
    train += t.trainSeconds;
    failed += t.status != "ok";
  }
  if (failed)
    out << " Failed trials: " << failed << ".";
  out << "\n\nWall time: " << fmt(d.wallSeconds, "%.1f") << " s (training " << fmt(train, "%.1f")
      << " s";
  if (d.llm)
    out << ", LLM " << fmt(d.llm->seconds, "%.1f") << " s";
  out << ").";
  if (d.llm) {
    out << " LLM: " << d.llm->endpoint << ". Tokens: " << thousands(d.llm->promptTokens)
        << " prompt + " << thousands(d.llm->completionTokens) << " completion in " << d.llm->calls
        << " calls (" << d.llm->cachedCalls << " more answered from the cache)";
    if (d.llm->cost)
      out << "; cost $" << fmt(*d.llm->cost, "%.4f");
    out << ".";
    if (d.llm->checkedTexts)
      out << " Explanations: " << d.llm->replacedTexts << " of " << d.llm->checkedTexts
          << " LLM texts failed the check (cut off, template residue, a trial or number the "
             "journal does not hold, or a copy) and were replaced by computed statements.";
  }
  return out.str();
}

std::string rho(const std::optional<double>& v) {
  return v ? fmt(*v, "%+.2f") : "-";
}
std::string share(const std::optional<double>& v) {
  return v ? fmt(100 * *v, "%.0f") + "%" : "-";
}

/// The computed importance as a Markdown table, beside the Creator's words.
std::string importanceMarkdown(const ReportData& d) {
  std::ostringstream out;
  out << "### Computed importance\n\n"
      << "Spearman's rank correlation of each parameter with " << d.spec->goal.metric
      << " over the successful trials, and for choices the share of its variance the choice "
         "explains (see docs/report.md for the method and its limits).\n\n"
      << "| parameter | trials | rank correlation | variance share | reading "
         "|\n|---|---|---|---|---|\n";
  for (const ParamImportance& p : parameterImportance(*d.spec, d.trials))
    out << "| " << cell(p.name) << " | " << p.trials << " | " << rho(p.spearman) << " | "
        << share(p.varianceShare) << " | " << importanceReading(*d.spec, p) << " |\n";
  return out.str() + "\n";
}

std::string importanceHtml(const ReportData& d) {
  std::ostringstream out;
  out << "<h3>Computed importance</h3>\n<p>Spearman's rank correlation of each parameter with "
      << escapeXml(d.spec->goal.metric)
      << " over the successful trials, and for choices the share of its variance the choice "
         "explains. A few trials give rough numbers: read them beside the plots.</p>\n"
      << "<table class=\"importance\"><tr><th>parameter</th><th>trials</th><th>rank "
         "correlation</th>"
         "<th>variance share</th><th>reading</th></tr>\n";
  for (const ParamImportance& p : parameterImportance(*d.spec, d.trials)) {
    double strength = p.spearman ? std::abs(*p.spearman) : 0;
    if (p.varianceShare)
      strength = std::max(strength, std::sqrt(*p.varianceShare));
    out << "<tr><td>" << escapeXml(p.name) << "</td><td>" << p.trials << "</td><td>"
        << rho(p.spearman) << "</td><td>" << share(p.varianceShare)
        << "</td><td><span class=\"bar\" style=\"width:" << fmt(60 * strength, "%.0f")
        << "px\"></span> " << escapeXml(importanceReading(*d.spec, p)) << "</td></tr>\n";
  }
  return out.str() + "</table>\n";
}

std::string imageFileName(std::size_t index, const std::string& param) {
  std::string safe;
  for (char c : param)
    safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return "report-param-" + std::to_string(index + 1) + "-" + safe + ".svg";
}

} // namespace

std::string valueText(const rt::Value& v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_number_float())
    return fmt(v.get<double>());
  return v.dump();
}

std::string thousands(long long n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::optional<std::size_t> bestTrial(const ReportData& data) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < data.trials.size(); ++i) {
    const ReportTrial& t = data.trials[i];
    if (t.status != "ok" || !t.metric || !std::isfinite(*t.metric))
      continue;
    if (!best || better(*data.spec, *t.metric, *data.trials[*best].metric))
      best = i;
  }
  return best;
}

std::string renderMarkdown(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  std::ostringstream out;
  out << "# Study `" << spec.name << "`\n\n";
  if (!spec.task.empty())
    out << spec.task << "\n\n";
  out << headline(d) << "\n\n";

  out << "## Best configuration\n\n";
  if (auto b = bestTrial(d)) {
    const ReportTrial& t = d.trials[*b];
    out << "Trial " << t.number << ", " << spec.goal.metric << " = " << fmt(*t.metric) << ".\n\n";
    out << "| parameter | value |\n|---|---|\n";
    for (const rt::ParamSpec& p : spec.space)
      if (t.config.contains(p.name))
        out << "| " << p.name << " | " << cell(valueText(t.config[p.name])) << " |\n";
    out << "\n```json\n" << t.config.dump() << "\n```\n\n";
  } else {
    out << "No trial has succeeded.\n\n";
  }

  out << "## Plots\n\n";
  for (const ReportImage& image : reportImages(d))
    out << "![" << image.title << "](" << image.file << ")\n";
  out << "\nThe HTML report (report.html) has these and more: parallel coordinates, learning "
         "curves, and points coloured by who proposed them.\n\n";

  if (!d.creator)
    out << "## Parameter importance\n\n" << importanceMarkdown(d);
  if (d.creator) {
    out << "## The Creator's analysis\n\n" << d.creator->summary << "\n\n";
    if (!d.creator->influence.empty()) {
      out << "### Influence of each hyperparameter\n\n";
      for (const auto& [param, effect] : d.creator->influence)
        out << "- **" << param << "**: " << effect << "\n";
      out << "\n";
    }
    out << importanceMarkdown(d);
    if (!d.creator->next.empty()) {
      out << "### What to explore next\n\n";
      for (const std::string& n : d.creator->next)
        out << "- " << n << "\n";
      out << "\n";
    }
  }

  out << "## Trials\n\n| # |";
  for (const rt::ParamSpec& p : spec.space)
    out << " " << p.name << " |";
  out << " " << cell(spec.goal.metric) << " | status | time (s) | proposed by |\n|---|";
  for (std::size_t i = 0; i < spec.space.size(); ++i)
    out << "---|";
  out << "---|---|---|---|\n";
  for (const ReportTrial& t : d.trials) {
    out << "| " << t.number << " |";
    for (const rt::ParamSpec& p : spec.space)
      out << " " << (t.config.contains(p.name) ? cell(valueText(t.config[p.name])) : "") << " |";
    out << " " << (t.metric ? fmt(*t.metric) : "-") << " | " << t.status << " | "
        << fmt(t.trainSeconds, "%.2f") << " | " << t.source << " |\n";
  }

  bool explained = std::any_of(d.trials.begin(), d.trials.end(), [](const ReportTrial& t) {
    return !t.rationale.empty() || !t.analysis.empty() || !t.errorTail.empty();
  });
  if (explained) {
    out << "\n## Trial by trial\n";
    for (const ReportTrial& t : d.trials) {
      out << "\n### Trial " << t.number << ": " << spec.goal.metric << " "
          << (t.metric ? fmt(*t.metric) : "-") << " (" << t.status << ", " << t.source << ")\n\n";
      if (!t.rationale.empty())
        out << "**Why this configuration.** " << t.rationale << "\n\n";
      if (!t.analysis.empty() || !t.verdict.empty())
        out << "**What the training showed.** " << (t.verdict.empty() ? "" : t.verdict + ": ")
            << t.analysis << "\n\n";
      if (!t.errorTail.empty())
        out << "```\n" << t.errorTail << "\n```\n\n";
    }
  }
  return out.str();
}

namespace {

const char* kStyle =
    R"(body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
tr.best{background:#eef8ee}tr.bad{color:#a33}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #eee;background:#fcfcfc}
.chart text{font-size:10px;fill:#444}.chart .title{font-size:12px;font-weight:600}
.chart .grid{stroke:#eee}.chart .axes line{stroke:#888}.chart .line{stroke:#2a6fb0;stroke-width:2}
.chart .point{fill:#2a6fb0;fill-opacity:.75}.chart .failed{stroke:#c33;stroke-width:2}
.why{margin:.3em 0 1em 1em}pre{background:#f6f6f6;padding:.5em;overflow:auto;white-space:pre-wrap}
.plots{display:flex;flex-wrap:wrap;gap:16px}.plot{margin:0;border:1px solid #eee;padding:6px;max-width:100%;overflow-x:auto}
figcaption{font-size:.85em;color:#555;max-width:560px}
.table-box{max-width:100%;max-height:36em;overflow:auto;border:1px solid #ddd}.table-box td{white-space:nowrap}
.table-box th{position:sticky;top:0;background:#f4f4f4}
.bar{display:inline-block;height:.7em;background:#2a6fb0;vertical-align:middle})";

bool succeeded(const ReportTrial& t) {
  return t.status == "ok" && t.metric && std::isfinite(*t.metric);
}

/// Each trial's metric, failed trials as crosses at the bottom.
std::vector<ChartPoint> perTrialPoints(const ReportData& d) {
  std::vector<ChartPoint> points;
  for (const ReportTrial& t : d.trials) {
    ChartPoint p;
    p.x = t.number;
    p.y = succeeded(t) ? *t.metric : 0;
    p.failed = !succeeded(t);
    p.label =
        "trial " + std::to_string(t.number) + ": " + (succeeded(t) ? fmt(*t.metric) : t.status);
    points.push_back(p);
  }
  return points;
}

std::string bestSoFarChart(const ReportData& d) {
  std::vector<ChartPoint> points;
  std::optional<double> running;
  for (const ReportTrial& t : d.trials) {
    if (succeeded(t) && (!running || better(*d.spec, *t.metric, *running)))
      running = *t.metric;
    if (running) {
      ChartPoint b;
      b.x = t.number;
      b.y = *running;
      b.label = "best after trial " + std::to_string(t.number) + ": " + fmt(*running);
      points.push_back(b);
    }
  }
  ChartSpec curve{"Best so far", "trial", d.spec->goal.metric, false, {}, true, true};
  return renderChart(curve, points);
}

std::string parameterChart(const ReportData& d, const rt::ParamSpec& p) {
  ChartSpec c{p.name, p.name, d.spec->goal.metric};
  c.logX = p.log;
  if (p.kind == rt::ParamKind::Float || p.kind == rt::ParamKind::Int)
    c.xDomain = std::make_pair(p.lo, p.hi); // the declared range, not just what was tried
  bool categorical = p.kind == rt::ParamKind::Categorical || p.kind == rt::ParamKind::Ordinal ||
                     p.kind == rt::ParamKind::Bool;
  if (categorical)
    for (const rt::Value& v : p.choices)
      c.categories.push_back(valueText(v));
  std::vector<ChartPoint> pts;
  for (const ReportTrial& t : d.trials) {
    if (!t.config.contains(p.name))
      continue;
    const rt::Value& v = t.config[p.name];
    ChartPoint pt;
    if (categorical)
      pt.category = valueText(v);
    else
      pt.x = v.is_number() ? v.get<double>() : 0;
    pt.y = succeeded(t) ? *t.metric : 0;
    pt.failed = !succeeded(t);
    pt.label = "trial " + std::to_string(t.number) + ": " + p.name + "=" + valueText(v) + ", " +
               (succeeded(t) ? fmt(*t.metric) : t.status);
    pts.push_back(pt);
  }
  return renderChart(c, pts);
}

/// The plots as static SVG, for a build without Vega.
std::string svgCharts(const ReportData& d) {
  std::string out = "<h2>Progress</h2>\n<div class=\"charts\">\n" + bestSoFarChart(d);
  ChartSpec scatter{d.spec->goal.metric + " per trial", "trial", d.spec->goal.metric};
  out += renderChart(scatter, perTrialPoints(d));
  out += "</div>\n<h2>Metric against each hyperparameter</h2>\n<div class=\"charts\">\n";
  for (const rt::ParamSpec& p : d.spec->space)
    out += parameterChart(d, p);
  return out + "</div>\n";
}

/// The charts' look, put inside an SVG file that stands alone.
const char* kStandaloneSvgStyle = R"(<style>text{font-family:sans-serif;font-size:10px;fill:#444}
.title{font-size:12px;font-weight:600}.grid{stroke:#eee}.axes line{stroke:#888}
.line{stroke:#2a6fb0;stroke-width:2;fill:none}.point{fill:#2a6fb0;fill-opacity:.75}
.failed{stroke:#c33;stroke-width:2}</style>
)";

std::string standalone(std::string svg) {
  std::size_t open = svg.find(">\n");
  if (open != std::string::npos)
    svg.insert(open + 2, kStandaloneSvgStyle);
  return svg;
}

std::string htmlParagraph(const std::string& s) {
  return "<p>" + escapeXml(s) + "</p>\n";
}

} // namespace

std::vector<ReportImage> reportImages(const ReportData& d) {
  std::vector<ReportImage> images = {
      {"report-best-so-far.svg", "best so far", standalone(bestSoFarChart(d))}};
  for (std::size_t i = 0; i < d.spec->space.size(); ++i) {
    const rt::ParamSpec& p = d.spec->space[i];
    images.push_back({imageFileName(i, p.name), d.spec->goal.metric + " against " + p.name,
                      standalone(parameterChart(d, p))});
  }
  return images;
}

namespace {

/// The Creator's closing analysis with the computed importance beside its
/// influence; the importance alone for strategies without an LLM.
std::string htmlAnalysis(const ReportData& d) {
  std::ostringstream out;
  if (!d.creator) {
    out << "<h2>Parameter importance</h2>\n" << importanceHtml(d);
    return out.str();
  }
  out << "<h2>The Creator's analysis</h2>\n" << htmlParagraph(d.creator->summary);
  if (!d.creator->influence.empty()) {
    out << "<h3>Influence of each hyperparameter</h3>\n<ul>";
    for (const auto& [param, effect] : d.creator->influence)
      out << "<li><b>" << escapeXml(param) << "</b>: " << escapeXml(effect) << "</li>";
    out << "</ul>\n";
  }
  out << importanceHtml(d);
  if (!d.creator->next.empty()) {
    out << "<h3>What to explore next</h3>\n<ul>";
    for (const std::string& n : d.creator->next)
      out << "<li>" << escapeXml(n) << "</li>";
    out << "</ul>\n";
  }
  return out.str();
}

/// The trials table, scrolling inside its box.
std::string htmlTrialsTable(const ReportData& d, std::optional<std::size_t> best) {
  const rt::StudySpec& spec = *d.spec;
  std::ostringstream out;
  out << "<h2>Trials</h2>\n<div class=\"table-box\"><table class=\"trials\"><tr><th>#</th>";
  for (const rt::ParamSpec& p : spec.space)
    out << "<th>" << escapeXml(p.name) << "</th>";
  out << "<th>" << escapeXml(spec.goal.metric)
      << "</th><th>status</th><th>time (s)</th><th>proposed by</th></tr>\n";
  for (std::size_t i = 0; i < d.trials.size(); ++i) {
    const ReportTrial& t = d.trials[i];
    out << "<tr"
        << (best && *best == i ? " class=\"best\""
            : t.status != "ok" ? " class=\"bad\""
                               : "")
        << "><td>" << t.number << "</td>";
    for (const rt::ParamSpec& p : spec.space)
      out << "<td>" << (t.config.contains(p.name) ? escapeXml(valueText(t.config[p.name])) : "")
          << "</td>";
    out << "<td>" << (t.metric ? fmt(*t.metric) : "-") << "</td><td>" << escapeXml(t.status)
        << "</td><td>" << fmt(t.trainSeconds, "%.2f") << "</td><td>" << escapeXml(t.source)
        << "</td></tr>\n";
  }
  out << "</table></div>\n";
  return out.str();
}

} // namespace

std::string renderHtml(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>hpoc: "
      << escapeXml(spec.name) << "</title>\n<style>" << kStyle << "</style></head><body>\n";
  out << "<h1>Study <code>" << escapeXml(spec.name) << "</code></h1>\n";
  if (!spec.task.empty())
    out << htmlParagraph(spec.task);
  std::string head = headline(d);
  std::size_t split = head.find("\n\n");
  out << htmlParagraph(head.substr(0, split));
  if (split != std::string::npos)
    out << htmlParagraph(head.substr(split + 2));

  auto best = bestTrial(d);
  std::vector<VegaPlot> plots;
  if (vegaLibrary().empty()) {
    out << svgCharts(d);
  } else {
    plots = studyPlots(d);
    out << "<h2>Plots</h2>\n<div class=\"plots\">\n";
    for (const VegaPlot& plot : plots)
      out << vegaPlotElement(plot);
    out << "</div>\n";
  }

  if (best) {
    const ReportTrial& t = d.trials[*best];
    out << "<h2>Best configuration</h2>\n<p>Trial " << t.number << ", "
        << escapeXml(spec.goal.metric) << " = " << fmt(*t.metric) << ".</p>\n<table>";
    for (const rt::ParamSpec& p : spec.space)
      if (t.config.contains(p.name))
        out << "<tr><th>" << escapeXml(p.name) << "</th><td>"
            << escapeXml(valueText(t.config[p.name])) << "</td></tr>";
    out << "</table>\n";
  }
  out << htmlAnalysis(d) << htmlTrialsTable(d, best);
  out << "<h2>Trial by trial</h2>\n";
  for (const ReportTrial& t : d.trials) {
    out << "<h3>Trial " << t.number << ": " << (t.metric ? fmt(*t.metric) : "-") << " ("
        << escapeXml(t.status) << ", " << escapeXml(t.source) << ")</h3>\n<div class=\"why\">";
    if (!t.rationale.empty())
      out << "<p><b>Why this configuration.</b> " << escapeXml(t.rationale) << "</p>";
    if (!t.analysis.empty() || !t.verdict.empty())
      out << "<p><b>What the training showed.</b> "
          << escapeXml(t.verdict.empty() ? "" : t.verdict + ": ") << escapeXml(t.analysis)
          << "</p>";
    if (!t.errorTail.empty())
      out << "<pre>" << escapeXml(t.errorTail) << "</pre>";
    out << "</div>\n";
  }
  if (!plots.empty())
    out << vegaScripts(plots);
  out << "</body></html>\n";
  return out.str();
}

} // namespace hpoc::report
