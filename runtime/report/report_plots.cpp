#include "runtime/report/report_plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpoc::report {

using nlohmann::json;

namespace {

constexpr int kWidth = 340, kHeight = 210;
/// Failed trials sit this many pixels above the bottom of the plot.
constexpr int kFailedBand = 7;

bool succeeded(const ReportTrial& t) {
  return t.status == "ok" && t.metric && std::isfinite(*t.metric);
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

bool categorical(const rt::ParamSpec& p) {
  return p.kind == rt::ParamKind::Categorical || p.kind == rt::ParamKind::Ordinal ||
         p.kind == rt::ParamKind::Bool;
}

std::string sourceOf(const ReportTrial& t) {
  return t.source.empty() ? "unknown" : t.source;
}

std::string tip(const rt::StudySpec& spec, const ReportTrial& t) {
  return "trial " + std::to_string(t.number) + " (" + sourceOf(t) +
         "): " + (succeeded(t) ? spec.goal.metric + " " + fmt(*t.metric) : t.status);
}

json base(const std::string& title) {
  return {{"$schema", "https://vega.github.io/schema/vega/v5.json"},
          {"width", kWidth},
          {"height", kHeight},
          {"padding", 5},
          {"title", {{"text", title}, {"anchor", "start"}, {"fontSize", 13}}}};
}

json colourScale(const std::string& data) {
  return {{"name", "colour"},
          {"type", "ordinal"},
          {"domain", {{"data", data}, {"field", "source"}, {"sort", true}}},
          {"range", "category"}};
}

json legends() {
  return json::array({{{"fill", "colour"}, {"title", "proposed by"}, {"symbolType", "circle"}},
                      {{"shape", "status"}, {"title", "trial"}}});
}

json statusScale() {
  return {{"name", "status"},
          {"type", "ordinal"},
          {"domain", {"succeeded", "failed"}},
          {"range", {"circle", "cross"}}};
}

json filtered(const std::string& name, const std::string& expr) {
  return {
      {"name", name}, {"source", "trials"}, {"transform", {{{"type", "filter"}, {"expr", expr}}}}};
}

/// Dots for successful trials and crosses in the bottom band for failed ones.
json trialMarks(const json& x) {
  json okX = x, badX = x;
  json dot = {{"type", "symbol"},
              {"from", {{"data", "ok"}}},
              {"encode",
               {{"enter",
                 {{"x", okX},
                  {"y", {{"scale", "y"}, {"field", "metric"}}},
                  {"fill", {{"scale", "colour"}, {"field", "source"}}},
                  {"stroke", {{"value", "#333"}}},
                  {"strokeWidth", {{"value", 0.5}}},
                  {"size", {{"value", 64}}},
                  {"tooltip", {{"field", "tip"}}}}}}}};
  json cross = {{"type", "symbol"},
                {"from", {{"data", "failed"}}},
                {"encode",
                 {{"enter",
                   {{"x", badX},
                    {"y", {{"signal", "height - " + std::to_string(kFailedBand)}}},
                    {"shape", {{"value", "cross"}}},
                    {"fill", {{"scale", "colour"}, {"field", "source"}}},
                    {"stroke", {{"value", "#a00"}}},
                    {"strokeWidth", {{"value", 1}}},
                    {"size", {{"value", 90}}},
                    {"tooltip", {{"field", "tip"}}}}}}}};
  json band = {{"type", "rule"},
               {"encode",
                {{"enter",
                  {{"x", {{"value", 0}}},
                   {"x2", {{"signal", "width"}}},
                   {"y", {{"signal", "height - " + std::to_string(2 * kFailedBand)}}},
                   {"stroke", {{"value", "#ddd"}}},
                   {"strokeDash", {{"value", {3, 3}}}}}}}}};
  json label = {{"type", "text"},
                {"encode",
                 {{"enter",
                   {{"x", {{"signal", "width"}}},
                    {"y", {{"signal", "height - " + std::to_string(2 * kFailedBand + 2)}}},
                    {"align", {{"value", "right"}}},
                    {"text", {{"value", "failed trials below"}}},
                    {"fontSize", {{"value", 9}}},
                    {"fill", {{"value", "#a00"}}}}}}}};
  return json::array({band, label, dot, cross});
}

json metricScale(const std::vector<double>& values) {
  auto [lo, hi] = metricDomain(values);
  return {{"name", "y"},       {"type", "linear"}, {"domain", {lo, hi}},
          {"range", "height"}, {"nice", false},    {"zero", false}};
}

std::vector<double> successes(const ReportData& d) {
  std::vector<double> v;
  for (const ReportTrial& t : d.trials)
    if (succeeded(t))
      v.push_back(*t.metric);
  return v;
}

VegaPlot bestSoFarPlot(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  json rows = json::array();
  std::optional<double> best;
  for (const ReportTrial& t : d.trials) {
    if (succeeded(t) && (!best || (spec.goal.maximize ? *t.metric > *best : *t.metric < *best)))
      best = *t.metric;
    rows.push_back({{"trial", t.number},
                    {"source", sourceOf(t)},
                    {"ok", succeeded(t)},
                    {"metric", succeeded(t) ? json(*t.metric) : json()},
                    {"best", best ? json(*best) : json()},
                    {"tip", tip(spec, t)}});
  }
  json s = base("Best " + spec.goal.metric + " so far");
  s["data"] = {{{"name", "trials"}, {"values", rows}},
               filtered("ok", "datum.ok"),
               filtered("failed", "!datum.ok"),
               filtered("best", "datum.best != null")};
  double last = d.trials.empty() ? 1 : d.trials.back().number;
  s["scales"] = {{{"name", "x"},
                  {"type", "linear"},
                  {"domain", {0.5, last + 0.5}},
                  {"range", "width"},
                  {"nice", false},
                  {"zero", false}},
                 metricScale(successes(d)),
                 colourScale("trials"),
                 statusScale()};
  s["axes"] = {{{"orient", "bottom"},
                {"scale", "x"},
                {"title", "trial"},
                {"tickMinStep", 1},
                {"format", "d"}},
               {{"orient", "left"}, {"scale", "y"}, {"title", spec.goal.metric}, {"grid", true}}};
  s["legends"] = legends();
  json bestLine = {{"type", "line"},
                   {"from", {{"data", "best"}}},
                   {"encode",
                    {{"enter",
                      {{"x", {{"scale", "x"}, {"field", "trial"}}},
                       {"y", {{"scale", "y"}, {"field", "best"}}},
                       {"interpolate", {{"value", "step-after"}}},
                       {"stroke", {{"value", "#555"}}},
                       {"strokeWidth", {{"value", 2}}}}}}}};
  json marks = trialMarks({{"scale", "x"}, {"field", "trial"}});
  marks.insert(marks.begin() + 1, bestLine);
  s["marks"] = marks;
  return {"plot-best",
          "Each trial's " + spec.goal.metric +
              " (dots, coloured by who proposed it) and the best so far (line). The "
              "axis spans the successful trials' values with a margin, so a small "
              "gain looks small. Failed trials are crosses in the band at the bottom.",
          s};
}

VegaPlot parameterPlot(const ReportData& d, std::size_t index) {
  const rt::StudySpec& spec = *d.spec;
  const rt::ParamSpec& p = spec.space[index];
  json rows = json::array();
  for (const ReportTrial& t : d.trials) {
    if (!t.config.contains(p.name))
      continue;
    const rt::Value& v = t.config[p.name];
    json x = categorical(p) ? json(valueText(v)) : (v.is_number() ? json(v.get<double>()) : json());
    if (x.is_null())
      continue;
    rows.push_back({{"trial", t.number},
                    {"x", x},
                    {"source", sourceOf(t)},
                    {"ok", succeeded(t)},
                    {"metric", succeeded(t) ? json(*t.metric) : json()},
                    {"tip", tip(spec, t) + ", " + p.name + " = " + valueText(v)}});
  }
  json s = base(spec.goal.metric + " against " + p.name);
  s["data"] = {{{"name", "trials"}, {"values", rows}},
               filtered("ok", "datum.ok"),
               filtered("failed", "!datum.ok")};
  json x;
  std::string over;
  if (categorical(p)) {
    json choices = json::array();
    for (const rt::Value& c : p.choices)
      choices.push_back(valueText(c));
    x = {{"name", "x"},
         {"type", "point"},
         {"domain", choices},
         {"range", "width"},
         {"padding", 0.5}};
    over = "every declared choice";
  } else {
    x = {{"name", "x"},
         {"type", p.log ? "log" : "linear"},
         {"domain", {p.lo, p.hi}},
         {"range", "width"},
         {"nice", false},
         {"zero", false}};
    over =
        "its declared range [" + fmt(p.lo) + ", " + fmt(p.hi) + "]" + (p.log ? ", log scale" : "");
  }
  s["scales"] = {x, metricScale(successes(d)), colourScale("trials"), statusScale()};
  json xAxis = {{"orient", "bottom"}, {"scale", "x"}, {"title", p.name}};
  if (!categorical(p) && p.log && p.lo > 0) {
    json decades = json::array();
    for (double e = std::ceil(std::log10(p.lo) - 1e-9); e <= std::floor(std::log10(p.hi) + 1e-9);
         ++e)
      decades.push_back(std::pow(10.0, e));
    if (decades.size() >= 2) {
      xAxis["values"] = decades;
      xAxis["format"] = "~g";
    }
  }
  s["axes"] = {xAxis,
               {{"orient", "left"}, {"scale", "y"}, {"title", spec.goal.metric}, {"grid", true}}};
  s["legends"] = legends();
  s["marks"] = trialMarks({{"scale", "x"}, {"field", "x"}});
  return {"plot-param-" + std::to_string(index + 1),
          spec.goal.metric + " against " + p.name + " over " + over + ".", s};
}

/// A trial's place on one axis of the parallel coordinates, in [0, 1].
std::optional<double> axisPosition(const rt::ParamSpec& p, const rt::Value& v) {
  if (categorical(p)) {
    auto it = std::find(p.choices.begin(), p.choices.end(), v);
    if (it == p.choices.end())
      return std::nullopt;
    return p.choices.size() < 2 ? 0.5
                                : static_cast<double>(it - p.choices.begin()) /
                                      static_cast<double>(p.choices.size() - 1);
  }
  if (!v.is_number() || p.hi <= p.lo)
    return v.is_number() ? std::optional<double>(0.5) : std::nullopt;
  double x = v.get<double>();
  if (p.log && x > 0 && p.lo > 0)
    return (std::log(x) - std::log(p.lo)) / (std::log(p.hi) - std::log(p.lo));
  return (x - p.lo) / (p.hi - p.lo);
}

/// Where failed trials meet the metric's axis: below its lowest value.
constexpr double kFailedPosition = -0.1;

json axisTicks(const rt::ParamSpec& p, int dim) {
  json ticks = json::array();
  if (categorical(p)) {
    for (std::size_t i = 0; i < p.choices.size(); ++i)
      if (p.choices.size() <= 8 || i == 0 || i + 1 == p.choices.size())
        ticks.push_back({{"dim", dim},
                         {"pos", *axisPosition(p, p.choices[i])},
                         {"text", valueText(p.choices[i])}});
  } else {
    ticks.push_back({{"dim", dim}, {"pos", 0}, {"text", fmt(p.lo)}});
    ticks.push_back({{"dim", dim}, {"pos", 1}, {"text", fmt(p.hi)}});
  }
  return ticks;
}

/// Rows of the parallel coordinates: one point per trial and axis.
json parallelRows(const ReportData& d, json* ticks) {
  const rt::StudySpec& spec = *d.spec;
  int metricDim = static_cast<int>(spec.space.size());
  std::vector<double> ok = successes(d);
  double lo = ok.empty() ? 0 : *std::min_element(ok.begin(), ok.end());
  double hi = ok.empty() ? 1 : *std::max_element(ok.begin(), ok.end());
  json rows = json::array();
  bool anyFailed = false;
  for (const ReportTrial& t : d.trials) {
    json dash = succeeded(t) ? json::array() : json::array({4, 3});
    for (int i = 0; i < metricDim; ++i) {
      const rt::ParamSpec& p = spec.space[static_cast<std::size_t>(i)];
      if (!t.config.contains(p.name))
        continue;
      if (auto pos = axisPosition(p, t.config[p.name]))
        rows.push_back({{"trial", t.number},
                        {"dim", i},
                        {"pos", *pos},
                        {"source", sourceOf(t)},
                        {"dash", dash}});
    }
    double pos = !succeeded(t) ? kFailedPosition : hi > lo ? (*t.metric - lo) / (hi - lo) : 0.5;
    anyFailed |= !succeeded(t);
    rows.push_back({{"trial", t.number},
                    {"dim", metricDim},
                    {"pos", pos},
                    {"source", sourceOf(t)},
                    {"dash", dash}});
  }
  for (int i = 0; i < metricDim; ++i)
    for (const json& tick : axisTicks(spec.space[static_cast<std::size_t>(i)], i))
      ticks->push_back(tick);
  if (!ok.empty()) {
    ticks->push_back({{"dim", metricDim}, {"pos", hi > lo ? 0.0 : 0.5}, {"text", fmt(lo)}});
    if (hi > lo)
      ticks->push_back({{"dim", metricDim}, {"pos", 1}, {"text", fmt(hi)}});
  }
  if (anyFailed)
    ticks->push_back({{"dim", metricDim}, {"pos", kFailedPosition}, {"text", "failed"}});
  return rows;
}

json facetLines(const std::string& data, const std::string& groupby, json enter) {
  return {{"type", "group"},
          {"from", {{"facet", {{"name", "series"}, {"data", data}, {"groupby", groupby}}}}},
          {"marks",
           {{{"type", "line"},
             {"from", {{"data", "series"}}},
             {"encode", {{"enter", std::move(enter)}}}}}}};
}

VegaPlot parallelPlot(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  json names = json::array();
  for (std::size_t i = 0; i < spec.space.size(); ++i)
    names.push_back({{"dim", i}, {"name", spec.space[i].name}});
  names.push_back({{"dim", spec.space.size()}, {"name", spec.goal.metric}});
  json ticks = json::array();
  json rows = parallelRows(d, &ticks);
  json s = base("Parallel coordinates: every parameter and " + spec.goal.metric);
  s["width"] = std::max(kWidth, 120 * static_cast<int>(names.size()));
  s["data"] = {{{"name", "lines"}, {"values", rows}},
               {{"name", "names"}, {"values", names}},
               {{"name", "ticks"}, {"values", ticks}}};
  json dims = json::array();
  for (std::size_t i = 0; i < names.size(); ++i)
    dims.push_back(i);
  s["scales"] = {
      {{"name", "dx"}, {"type", "point"}, {"domain", dims}, {"range", "width"}, {"padding", 0.3}},
      {{"name", "py"},
       {"type", "linear"},
       {"domain", {kFailedPosition - 0.06, 1.04}},
       {"range", "height"},
       {"nice", false},
       {"zero", false}},
      colourScale("lines")};
  s["legends"] = {{{"stroke", "colour"}, {"title", "proposed by"}, {"symbolType", "stroke"}}};
  json axis = {{"type", "rule"},
               {"from", {{"data", "names"}}},
               {"encode",
                {{"enter",
                  {{"x", {{"scale", "dx"}, {"field", "dim"}}},
                   {"y", {{"scale", "py"}, {"value", 0}}},
                   {"y2", {{"scale", "py"}, {"value", 1}}},
                   {"stroke", {{"value", "#888"}}}}}}}};
  json title = {{"type", "text"},
                {"from", {{"data", "names"}}},
                {"encode",
                 {{"enter",
                   {{"x", {{"scale", "dx"}, {"field", "dim"}}},
                    {"y", {{"value", -4}}},
                    {"align", {{"value", "center"}}},
                    {"text", {{"field", "name"}}},
                    {"fontWeight", {{"value", "bold"}}}}}}}};
  json tickText = {{"type", "text"},
                   {"from", {{"data", "ticks"}}},
                   {"encode",
                    {{"enter",
                      {{"x", {{"scale", "dx"}, {"field", "dim"}, {"offset", 4}}},
                       {"y", {{"scale", "py"}, {"field", "pos"}}},
                       {"baseline", {{"value", "middle"}}},
                       {"text", {{"field", "text"}}},
                       {"fontSize", {{"value", 9}}},
                       {"fill", {{"value", "#555"}}}}}}}};
  json lines = facetLines("lines", "trial",
                          {{"x", {{"scale", "dx"}, {"field", "dim"}}},
                           {"y", {{"scale", "py"}, {"field", "pos"}}},
                           {"stroke", {{"scale", "colour"}, {"field", "source"}}},
                           {"strokeWidth", {{"value", 1.5}}},
                           {"strokeOpacity", {{"value", 0.8}}},
                           {"strokeDash", {{"field", "dash"}}}});
  s["marks"] = {axis, lines, title, tickText};
  return {
      "plot-parallel",
      "One line per trial across every parameter's declared range (log ranges on a log scale, "
      "choices in declared order) and " +
          spec.goal.metric +
          " (its tried range); coloured by who proposed the trial. Failed trials are dashed and "
          "end below the metric's axis.",
      s};
}

/// The trial's trajectory as (step, goal metric) points: "epoch" or "step" when
/// the trainer reported one, else the row's position.
std::vector<std::pair<double, double>> curve(const rt::StudySpec& spec, const ReportTrial& t) {
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < t.trajectory.size(); ++i) {
    const json& row = t.trajectory[i];
    auto v = row.find(spec.goal.metric);
    if (v == row.end() || !v->is_number() || !std::isfinite(v->get<double>()))
      continue;
    double step = static_cast<double>(i + 1);
    for (const char* key : {"epoch", "step"})
      if (row.contains(key) && row[key].is_number()) {
        step = row[key].get<double>();
        break;
      }
    out.emplace_back(step, v->get<double>());
  }
  return out;
}

std::optional<VegaPlot> learningCurvesPlot(const ReportData& d) {
  const rt::StudySpec& spec = *d.spec;
  json rows = json::array();
  bool anyCurve = false;
  for (const ReportTrial& t : d.trials) {
    auto points = curve(spec, t);
    anyCurve |= points.size() >= 2;
    for (const auto& [step, value] : points)
      rows.push_back(
          {{"trial", t.number},
           {"step", step},
           {"value", value},
           {"source", sourceOf(t)},
           {"tip", "trial " + std::to_string(t.number) + " at " + fmt(step) + ": " + fmt(value)}});
  }
  if (!anyCurve)
    return std::nullopt;
  json s = base(spec.goal.metric + " during training");
  s["data"] = {{{"name", "curves"}, {"values", rows}}};
  s["scales"] = {{{"name", "x"},
                  {"type", "linear"},
                  {"domain", {{"data", "curves"}, {"field", "step"}}},
                  {"range", "width"},
                  {"nice", true},
                  {"zero", false}},
                 {{"name", "y"},
                  {"type", "linear"},
                  {"domain", {{"data", "curves"}, {"field", "value"}}},
                  {"range", "height"},
                  {"nice", true},
                  {"zero", false}},
                 colourScale("curves")};
  s["axes"] = {{{"orient", "bottom"},
                {"scale", "x"},
                {"title", "epoch or step, as the trainer reported it"}},
               {{"orient", "left"}, {"scale", "y"}, {"title", spec.goal.metric}, {"grid", true}}};
  s["legends"] = {{{"stroke", "colour"}, {"title", "proposed by"}, {"symbolType", "stroke"}}};
  json lines = facetLines("curves", "trial",
                          {{"x", {{"scale", "x"}, {"field", "step"}}},
                           {"y", {{"scale", "y"}, {"field", "value"}}},
                           {"stroke", {{"scale", "colour"}, {"field", "source"}}},
                           {"strokeWidth", {{"value", 1.5}}},
                           {"strokeOpacity", {{"value", 0.8}}}});
  json dots = {{"type", "symbol"},
               {"from", {{"data", "curves"}}},
               {"encode",
                {{"enter",
                  {{"x", {{"scale", "x"}, {"field", "step"}}},
                   {"y", {{"scale", "y"}, {"field", "value"}}},
                   {"fill", {{"scale", "colour"}, {"field", "source"}}},
                   {"size", {{"value", 14}}},
                   {"tooltip", {{"field", "tip"}}}}}}}};
  s["marks"] = {lines, dots};
  return VegaPlot{"plot-curves",
                  spec.goal.metric + " as each trial reported it while training (its trajectory), "
                                     "one line per trial, coloured by who proposed it.",
                  s};
}

} // namespace

VegaPlot comparePlot(const std::string& metric, bool maximize, const std::vector<RunCurve>& runs) {
  json rows = json::array();
  std::vector<double> values;
  std::size_t longest = 0;
  for (const RunCurve& r : runs) {
    longest = std::max(longest, r.bestSoFar.size());
    for (std::size_t k = 0; k < r.bestSoFar.size(); ++k)
      if (r.bestSoFar[k]) {
        values.push_back(*r.bestSoFar[k]);
        rows.push_back({{"source", r.label},
                        {"trial", k + 1},
                        {"best", *r.bestSoFar[k]},
                        {"tip", r.label + " after trial " + std::to_string(k + 1) + ": " +
                                    fmt(*r.bestSoFar[k])}});
      }
  }
  json s = base("Best " + metric + " so far, run by run (" + (maximize ? "higher" : "lower") +
                " is better)");
  s["width"] = 560;
  s["data"] = {{{"name", "runs"}, {"values", rows}}};
  auto [lo, hi] = metricDomain(values);
  s["scales"] = {{{"name", "x"},
                  {"type", "linear"},
                  {"domain", {0.5, static_cast<double>(longest) + 0.5}},
                  {"range", "width"},
                  {"nice", false},
                  {"zero", false}},
                 {{"name", "y"},
                  {"type", "linear"},
                  {"domain", {lo, hi}},
                  {"range", "height"},
                  {"nice", false},
                  {"zero", false}},
                 colourScale("runs")};
  s["axes"] = {{{"orient", "bottom"},
                {"scale", "x"},
                {"title", "trial"},
                {"tickMinStep", 1},
                {"format", "d"}},
               {{"orient", "left"}, {"scale", "y"}, {"title", metric}, {"grid", true}}};
  s["legends"] = {{{"stroke", "colour"}, {"title", "run"}, {"symbolType", "stroke"}}};
  json lines = facetLines("runs", "source",
                          {{"x", {{"scale", "x"}, {"field", "trial"}}},
                           {"y", {{"scale", "y"}, {"field", "best"}}},
                           {"stroke", {{"scale", "colour"}, {"field", "source"}}},
                           {"strokeWidth", {{"value", 2}}},
                           {"interpolate", {{"value", "step-after"}}}});
  json dots = {{"type", "symbol"},
               {"from", {{"data", "runs"}}},
               {"encode",
                {{"enter",
                  {{"x", {{"scale", "x"}, {"field", "trial"}}},
                   {"y", {{"scale", "y"}, {"field", "best"}}},
                   {"fill", {{"scale", "colour"}, {"field", "source"}}},
                   {"size", {{"value", 24}}},
                   {"tooltip", {{"field", "tip"}}}}}}}};
  s["marks"] = {lines, dots};
  return {"plot-compare",
          "Each run's best " + metric +
              " after every trial. The axis spans the values reached, with a margin.",
          s};
}

std::pair<double, double> metricDomain(const std::vector<double>& values) {
  if (values.empty())
    return {0, 1};
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  double span = *hi - *lo;
  if (span <= 0)
    span = std::max(std::abs(*lo) * 0.1, 1e-9);
  return {*lo - 0.2 * span, *hi + 0.08 * span};
}

std::vector<VegaPlot> studyPlots(const ReportData& d) {
  std::vector<VegaPlot> plots = {bestSoFarPlot(d)};
  for (std::size_t i = 0; i < d.spec->space.size(); ++i)
    plots.push_back(parameterPlot(d, i));
  plots.push_back(parallelPlot(d));
  if (auto curves = learningCurvesPlot(d))
    plots.push_back(std::move(*curves));
  return plots;
}

} // namespace hpoc::report
