// What the journal says about a study, replayed: its recorded shape, the
// configurations proposed in order, and the results recorded for them.
#pragma once

#include "runtime/trials/trial_record.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hpoc::rt {

/// Journal event names, in one place (docs/files.md describes each).
namespace event {
inline constexpr const char* kStudy = "study";             ///< first line: the study's shape
inline constexpr const char* kProposed = "proposed";       ///< trial k's config and reasons
inline constexpr const char* kFinished = "finished";       ///< trial k's result under id
inline constexpr const char* kInvalidated = "invalidated"; ///< a cached result failed its check
inline constexpr const char* kNote = "note";               ///< the strategy's analysis of a trial
inline constexpr const char* kRun = "run";                 ///< a run that trained ended
inline constexpr const char* kSummary = "summary";         ///< the strategy's closing analysis
} // namespace event

/// Tokens and time the strategy's LLM took, summed over the `details.llm`
/// exchanges of journal events (proposals, notes, the summary).
struct LlmTally {
  long long promptTokens = 0;
  long long completionTokens = 0;
  int calls = 0;       ///< answered by the LLM
  int cachedCalls = 0; ///< answered by the response cache
  int failedCalls = 0;
  double seconds = 0;
  std::set<std::string> models;
  bool allLocal = true;
  int checkedTexts = 0;  ///< LLM rationales and analyses checked before they were shown
  int replacedTexts = 0; ///< of them, refused and replaced by a computed statement
  bool any() const { return calls + cachedCalls + failedCalls > 0; }
};

/// Adds the exchanges recorded in `event` to `tally`.
void tallyLlm(const nlohmann::json& event, LlmTally* tally);

struct StudyState {
  nlohmann::json shape;                  ///< from the study event; null for a new journal
  std::string strategyAtStart;           ///< the strategy named by the study event
  std::vector<TrialRecord> trials;       ///< index k-1 holds trial k; status "" until finished
  std::map<int, std::string> resultSeal; ///< trial -> seal of its recorded result
  double recordedSeconds = 0;            ///< wall time of earlier runs that ran trials
  std::optional<StudySummary> summary;   ///< the latest closing analysis
  LlmTally llm;                          ///< the LLM's work in every run
  std::vector<std::string> proposedAt;   ///< where trial k was proposed ("line 7"), at k-1
};

/// Replays `events`, which the journal reader has checked (runtime/journal/journal_event.h).
/// False with `err` when they contradict each other (trial numbers out of order,
/// a result for a trial never proposed). `lines` (from Journal::LoadInfo) gives
/// each event's line number for messages; without it events are counted.
bool replayJournal(const std::vector<nlohmann::json>& events, const std::string& journalPath,
                   StudyState* state, std::string* err, const std::vector<int>& lines = {});

/// Checks every replayed configuration against the space, so that a damaged or
/// edited journal never hands the trainer a value the study does not allow.
/// False with `err` naming the trial, its journal line and the problem.
bool checkReplayedConfigs(const StudySpec& spec, const StudyState& state,
                          const std::string& journalPath, std::string* err);

/// Applies a `finished` event (or the result it was built from) to `record`.
void applyResult(const nlohmann::json& result, TrialRecord* record);

} // namespace hpoc::rt
