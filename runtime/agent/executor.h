// The Executor agent's analysis of one finished trial: the trajectory from its
// log, judged by the LLM in a verdict and a sentence or two.
#pragma once

#include "runtime/agent/chat_backend.h"
#include "runtime/agent/executor_prompt.h"

#include <string>

namespace hpoc::agent {

struct TrialAnalysis {
  std::string verdict;  ///< one of executorVerdicts(), or empty when the LLM gave none
  std::string analysis;
  LlmExchange exchange;
};

class Executor {
public:
  Executor(const rt::StudySpec& spec, ChatBackend& chat, double temperature, std::int64_t seed)
      : spec_(spec), chat_(chat), temperature_(temperature), seed_(seed) {}

  /// Asks for the analysis of one trial. A failed request gives an empty verdict
  /// and the reason in `analysis`; the study goes on either way.
  TrialAnalysis analyse(const ExecutorInput& input);

private:
  const rt::StudySpec& spec_;
  ChatBackend& chat_;
  double temperature_;
  std::int64_t seed_;
};

} // namespace hpoc::agent
