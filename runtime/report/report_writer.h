// Writes hpo/<study>/report.md and report.html from the study's trials (through
// runtime/report's renderers), each only when its bytes change, and prints the
// closing summary. The same trials give the same bytes, so a cached rerun
// leaves the report untouched.
#pragma once

#include "runtime/journal/study_state.h"
#include "runtime/strategies/strategy.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hpoc::rt {

struct ReportInput {
  const StudySpec* spec = nullptr;
  std::string strategy;
  std::vector<TrialRecord> trials; ///< the budget's trials, in order
  std::optional<StudySummary> summary;
  double wallSeconds = 0; ///< recorded wall time of the runs that trained
  bool finished = false;
  int budget = 0;         ///< the trial budget of this run (the study's, or --trials)
  std::string stopReason; ///< why the study ended early, when it did
  LlmTally llm;           ///< the LLM's work, from the journal
};

/// Writes report.md and report.html into `studyDir`.
bool writeReports(const ReportInput& in, const std::string& studyDir, std::string* err);

/// "8 llm, 1 nudged, 1 random-fallback": how many trials came from each source.
std::string proposalSources(const std::vector<TrialRecord>& trials);

/// The closing lines on the terminal: for the agent first how many trials the
/// LLM proposed and what it spent; then counts, the best trial, the report's path.
void printSummary(const ReportInput& in, const std::string& studyDir, std::ostream& out);

} // namespace hpoc::rt
