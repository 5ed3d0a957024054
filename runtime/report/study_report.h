// What a finished (or interrupted) study reports, and its two renderings:
// report.md for reading in a terminal or a repository (with SVG images beside it),
// report.html (self-contained, with Vega plots) for a browser.
#pragma once

#include "runtime/spec/study_spec.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::report {

/// One trial as the report shows it.
struct ReportTrial {
  int number = 0;
  std::string id; ///< the trial's content hash (short form is shown)
  rt::Config config;
  std::string status; ///< "ok", "failed", "timeout", "nan", "no-metric", ...
  std::optional<double> metric;
  double trainSeconds = 0;
  std::string source;    ///< who proposed it: "agent", "random", "fallback", "default"
  std::string rationale; ///< the Creator's reasons
  std::string verdict;   ///< the Executor's one-word judgement
  std::string analysis;  ///< the Executor's note
  std::string errorTail; ///< the end of stderr for failed trials
  /// What the trainer reported step by step (trajectory.jsonl), for learning curves.
  std::vector<nlohmann::json> trajectory{};
};

/// Tokens and time the LLM took, from the journal.
struct LlmUsage {
  std::string endpoint; ///< URL and model, never a key
  long long promptTokens = 0;
  long long completionTokens = 0;
  int calls = 0;       ///< requests answered by the LLM in this or earlier runs
  int cachedCalls = 0; ///< requests answered from the response cache
  double seconds = 0;
  std::optional<double> cost; ///< from the price table, when the model is priced
  int checkedTexts = 0;       ///< LLM rationales and analyses checked before they were shown
  int replacedTexts = 0;      ///< of them, refused (cut off, false, copied) and replaced
};

/// The Creator's closing analysis (absent for strategies without an LLM).
struct CreatorSummary {
  std::string summary;
  std::vector<std::pair<std::string, std::string>> influence; ///< parameter, effect
  std::vector<std::string> next;
};

struct ReportData {
  const rt::StudySpec* spec = nullptr;
  std::string strategy;
  std::vector<ReportTrial> trials;
  std::optional<CreatorSummary> creator;
  std::optional<LlmUsage> llm;
  double wallSeconds = 0;
  bool finished = false; ///< the budget was reached
  int budget = 0;        ///< this run's trial budget (--trials); 0: the study's
};

/// Index of the best successful trial in `data.trials`, or nullopt.
std::optional<std::size_t> bestTrial(const ReportData& data);

std::string renderMarkdown(const ReportData& data);

/// A parameter's value as the report prints it ("0.001", "adam", "true").
std::string valueText(const rt::Value& v);

/// One static image beside report.md: its file name and the SVG.
struct ReportImage {
  std::string file;
  std::string title;
  std::string svg;
};

/// The images report.md links to: best so far and one per parameter.
std::vector<ReportImage> reportImages(const ReportData& data);

/// "19,440": a count with thousands separators.
std::string thousands(long long n);
std::string renderHtml(const ReportData& data);

} // namespace hpoc::report
