// Checks a configuration proposed by the LLM against the study's space before
// anything runs: the agent's only action is a configuration inside the space.
#pragma once

#include "runtime/spec/study_spec.h"

#include <string>
#include <vector>

namespace hpoc::agent {

/// The outcome of checking one proposal.
struct ProposalCheck {
  /// Problems that make the proposal unusable, one sentence each, quoted back to
  /// the LLM in the repair round. Empty when the proposal is valid.
  std::vector<std::string> errors;
  /// Adjustments made on the way (an inactive parameter dropped, 3.0 read as 3).
  std::vector<std::string> notes;
  /// The proposal in canonical form: parameters of the space only, inactive ones
  /// absent, integers as integers. Meaningful only when `errors` is empty.
  rt::Config config;
  /// When the only problem is that `config` repeats an earlier configuration:
  /// its position in `tried`, from 1. Zero otherwise.
  int repeats = 0;

  bool ok() const { return errors.empty(); }
};

/// Validates `proposal` against `spec.space`: an object; no unknown keys; every
/// active parameter present (a missing one with a default takes it) with a value of
/// its type, among its values for a categorical or ordinal, and a finite number for
/// a float or int, set to the nearest bound (with a note) when outside its range
/// (llama-server's grammar does not bound floats); inactive parameters dropped; not
/// a repeat of any configuration in `tried`.
ProposalCheck checkProposal(const rt::StudySpec& spec, const rt::Config& proposal,
                            const std::vector<rt::Config>& tried);

} // namespace hpoc::agent
