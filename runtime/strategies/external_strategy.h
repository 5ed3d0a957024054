// A strategy served by another program, so any optimiser (Optuna's TPE, a
// CMA-ES, a hand-written rule) proposes through hpoc's journal, trial cache and
// reports. For each round the runner runs the proposer command with a request
// on its standard input and reads the proposals from its standard output:
//
//   request  {"protocol": 1, "study": NAME, "seed": S, "first": K, "count": N,
//             "goal": {"metric": M, "maximize": B}, "space": [PARAM...],
//             "defaults": CONFIG, "history": [{"number", "config", "status", "metric"}...]}
//   PARAM    {"name", "kind": float|int|categorical|ordinal|bool, "range": [LO, HI],
//             "log": B, "choices": [...], "when": COND}
//   COND     {"op": "==|!=|<|<=|>|>=", "param", "value"} | {"op": "in", "param", "values"}
//            | {"op": "and|or", "of": [COND, COND]} | {"op": "not", "of": [COND]}
//   answer   {"proposals": [{"config": CONFIG, "rationale": TEXT}...]}
//
// Fewer proposals than asked, or none, means the proposer has nothing left. The
// command comes from the runner's command line, never from a study or an LLM.
// docs/strategies.md describes the protocol.
#pragma once

#include "runtime/strategies/strategy.h"

#include <stdexcept>
#include <string>

namespace hpoc::rt {

/// A strategy that cannot go on (its proposer failed or answered nonsense).
/// The request's description of the space (structured conditions).
nlohmann::json externalSpace(const StudySpec& spec);

class ExternalStrategy : public Strategy {
public:
  /// `command` runs under /bin/sh; `workDir` holds the request file.
  ExternalStrategy(const StudySpec& spec, std::int64_t seed, std::string command,
                   std::string workDir);
  std::string name() const override { return "external"; }
  /// Throws StrategyError when the proposer fails, answers invalid JSON, or
  /// proposes a configuration outside the space or already tried.
  std::vector<Proposal> propose(const std::vector<TrialRecord>& history, int firstNumber,
                                int count) override;

  /// The request for a round (exposed for tests).
  nlohmann::json request(const std::vector<TrialRecord>& history, int firstNumber, int count) const;

private:
  const StudySpec& spec_;
  std::int64_t seed_;
  std::string command_;
  std::string workDir_;
};

} // namespace hpoc::rt
