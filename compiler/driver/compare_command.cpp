// `hpoc compare DIR DIR...`: several runs of a study (other strategies, seeds or
// budgets) side by side: each run's best-so-far after every trial, as text or JSON,
// and with --html as a page with the curves drawn.
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/driver/study_folder.h"
#include "runtime/report/compare_page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace hpoc::driver {
namespace {

/// The best metric after each trial (nullopt until one succeeds).
std::vector<std::optional<double>> bestSoFar(const StudyFolder& f) {
  std::vector<std::optional<double>> out;
  std::optional<double> best;
  for (const rt::TrialRecord& t : f.state.trials) {
    if (t.status == "ok" && t.metric && std::isfinite(*t.metric) &&
        (!best || (f.maximize ? *t.metric > *best : *t.metric < *best)))
      best = t.metric;
    out.push_back(best);
  }
  return out;
}

/// "random (seed-1)": the strategy and the folder's name, which tells runs apart.
std::string label(const StudyFolder& f, const std::string& dir) {
  std::string name = std::filesystem::path(dir).lexically_normal().filename().string();
  if (name.empty())
    name = std::filesystem::path(dir).lexically_normal().parent_path().filename().string();
  return f.strategy + " (" + name + ")";
}

} // namespace

void addCompareCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* compare = hpoc.add_subcommand(
      "compare", "compare runs of a study side by side: each one's best so far after every trial");
  setSynopsis(*compare, "hpoc compare STUDY_DIR STUDY_DIR... [--json] [--html FILE]");
  auto dirs = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  auto html = std::make_shared<std::string>();
  compare->add_option("STUDY_DIR", *dirs, "the runs' study folders")->required();
  compare->add_flag("--json", *json, "the comparison as JSON, for scripts");
  compare->add_option(
      "--html", *html,
      "also write the comparison as a self-contained HTML page with the curves drawn");
  compare->callback([dirs, json, html, compare, &ctx] {
    if (!ctx.compilerArgs.empty()) {
      ctx.status = usageError(*compare, ctx, "unexpected argument '--'");
      return;
    }
    if (dirs->size() < 2) {
      ctx.status = usageError(*compare, ctx, "compare needs two study folders or more");
      return;
    }
    std::vector<StudyFolder> runs(dirs->size());
    for (std::size_t i = 0; i < dirs->size(); ++i) {
      std::string err;
      if (!loadStudyFolder((*dirs)[i], &runs[i], &err)) {
        ctx.err << "hpoc compare: error: " << err << "\n";
        ctx.status = 1;
        return;
      }
      if (runs[i].metric != runs[0].metric || runs[i].maximize != runs[0].maximize) {
        ctx.err << "hpoc compare: error: " << (*dirs)[i] << " "
                << (runs[i].maximize ? "maximizes " : "minimizes ") << runs[i].metric << " but "
                << (*dirs)[0] << " " << (runs[0].maximize ? "maximizes " : "minimizes ")
                << runs[0].metric << ": runs of different goals do not compare\n";
        ctx.status = 1;
        return;
      }
    }
    std::vector<std::vector<std::optional<double>>> curves;
    std::size_t longest = 0;
    for (const StudyFolder& r : runs) {
      curves.push_back(bestSoFar(r));
      longest = std::max(longest, curves.back().size());
    }
    if (!html->empty()) {
      std::vector<report::RunCurve> named;
      for (std::size_t i = 0; i < runs.size(); ++i)
        named.push_back({label(runs[i], (*dirs)[i]), curves[i]});
      std::string err;
      if (!writeFileIfChanged(
              *html, report::renderCompareHtml(runs[0].metric, runs[0].maximize, named), &err)) {
        ctx.err << "hpoc compare: error: " << err << "\n";
        ctx.status = 1;
        return;
      }
    }
    if (*json) {
      nlohmann::json out = {{"metric", runs[0].metric},
                            {"maximize", runs[0].maximize},
                            {"runs", nlohmann::json::array()}};
      for (std::size_t i = 0; i < runs.size(); ++i) {
        nlohmann::json curve = nlohmann::json::array();
        for (const auto& v : curves[i])
          curve.push_back(v ? nlohmann::json(*v) : nlohmann::json());
        out["runs"].push_back({{"dir", (*dirs)[i]},
                               {"study", runs[i].study},
                               {"strategy", runs[i].strategy},
                               {"best_so_far", curve}});
      }
      ctx.out << out.dump(2) << "\n";
      ctx.status = 0;
      return;
    }
    ctx.out << "best " << runs[0].metric << " so far (" << (runs[0].maximize ? "higher" : "lower")
            << " is better)\n";
    std::vector<std::string> labels;
    std::size_t width = 10;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      labels.push_back(label(runs[i], (*dirs)[i]));
      width = std::max(width, labels.back().size());
    }
    char cell[256];
    ctx.out << "trial";
    for (const std::string& l : labels) {
      std::snprintf(cell, sizeof cell, "  %*s", static_cast<int>(width), l.c_str());
      ctx.out << cell;
    }
    ctx.out << "\n";
    for (std::size_t k = 0; k < longest; ++k) {
      std::snprintf(cell, sizeof cell, "%5zu", k + 1);
      ctx.out << cell;
      for (const auto& c : curves) {
        std::string v = k < c.size() ? (c[k] ? metricText(*c[k]) : "-") : "";
        std::snprintf(cell, sizeof cell, "  %*s", static_cast<int>(width), v.c_str());
        ctx.out << cell;
      }
      ctx.out << "\n";
    }
    ctx.status = 0;
  });
}

} // namespace hpoc::driver
