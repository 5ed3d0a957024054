// Explanations a user can trust: LLM prose (a proposal's rationale, a trial's
// analysis) is checked against the journal before it is shown, and a text that
// fails is replaced by a statement computed from the data. Small models cut
// sentences off, leave template residue, cite trials that do not exist, misquote
// metrics and copy an earlier trial's text; each rule below catches one of those.
#pragma once

#include "runtime/spec/study_spec.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpoc::agent {

/// What an explanation may cite.
struct ExplanationFacts {
  std::string metric; ///< the goal metric's name
  /// Every trial the text may cite, with its metric when it has one.
  std::map<int, std::optional<double>> trials;
  /// Other trials' rationales and analyses: a text must not copy one of them.
  std::vector<std::string> otherTexts;
  /// Other numbers the text may quote for the metric (a trial's trajectory).
  std::vector<double> values;
};

/// Why a text was refused: the rule's name and what it found; ok when `rule` is empty.
struct ExplanationVerdict {
  std::string rule; ///< "empty", "cut-off", "unbalanced", "residue", "unknown-trial",
                    ///< "wrong-number" or "copied"
  std::string detail;
  bool ok() const { return rule.empty(); }
};

/// Checks `text` against `facts`, rule by rule, and names the first that fails.
ExplanationVerdict checkExplanation(std::string_view text, const ExplanationFacts& facts);

/// The complete sentences at the start of `text`: up to the last '.', '!' or '?'
/// followed by a space (so "0.14" is no end); empty when there is none. A text
/// cut off by a length bound keeps what was said in full.
std::string completeSentences(std::string_view text);

/// "learning_rate 0.1 -> 0.03, max_depth 3 -> 5" for the parameters that differ
/// (added or dropped ones too), in the space's order; "no parameter" when none.
std::string describeChange(const rt::StudySpec& spec, const rt::Config& from, const rt::Config& to);

} // namespace hpoc::agent
