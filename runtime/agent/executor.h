// The Executor agent's analysis of one finished trial: the trajectory from its
// log, read from the numbers (trajectory_verdict.h) and, with `analysis llm`,
// judged by the LLM in a verdict and a sentence or two given that reading.
#pragma once

#include "runtime/agent/chat_backend.h"
#include "runtime/agent/executor_prompt.h"

#include <string>

namespace hpoc::agent {

struct TrialAnalysis {
  std::string verdict; ///< one of executorVerdicts(), or empty when the LLM gave none
  std::string analysis;
  /// The reading from the numbers (trajectory_verdict.h): what stands in for an
  /// LLM analysis that fails the explanation check.
  std::string computedVerdict, computedAnalysis;
  bool answered = false; ///< the LLM's own verdict and analysis are in place
  bool askedLlm = false; ///< false with `analysis trajectory`: `exchange` is empty
  LlmExchange exchange;
};

class Executor {
public:
  Executor(const rt::StudySpec& spec, ChatBackend& chat, double temperature, std::int64_t seed)
      : spec_(spec), chat_(chat), temperature_(temperature), seed_(seed) {}

  /// The analysis of one trial. With `analysis llm` the LLM is asked; when it
  /// cannot answer usefully, the reading from the numbers stands in, with the
  /// reason. The study goes on either way.
  TrialAnalysis analyse(const ExecutorInput& input);

private:
  const rt::StudySpec& spec_;
  ChatBackend& chat_;
  double temperature_;
  std::int64_t seed_;
};

} // namespace hpoc::agent
