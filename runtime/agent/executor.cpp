#include "runtime/agent/executor.h"

#include "runtime/agent/trajectory_verdict.h"

namespace hpoc::agent {

TrialAnalysis Executor::analyse(const ExecutorInput& input) {
  TrajectoryVerdict reading = diagnoseTrajectory(spec_, input);
  TrialAnalysis out;
  out.verdict = reading.verdict;
  out.analysis = reading.note;
  out.computedVerdict = reading.verdict;
  out.computedAnalysis = reading.note;
  if (spec_.agent.analysis == "trajectory")
    return out;

  nlohmann::json messages = executorMessages(spec_, input, reading);
  llm::ChatRequest request;
  for (const nlohmann::json& m : messages)
    request.messages.push_back({m["role"], m["content"]});
  request.temperature = temperature_;
  request.seed = seed_ + input.trialNumber;
  request.max_tokens = 200;
  request.response_schema = llm::ResponseSchema{"analysis", executorAnswerSchema(), true};

  out.askedLlm = true;
  llm::ChatResult result;
  llm::ChatError error;
  bool answered = chat_.complete(request, &result, &error, &out.exchange);
  out.exchange.purpose = "analyse";
  if (!answered) {
    out.analysis +=
        std::string(" (the LLM did not answer: ") + llm::chatErrorKindName(error.kind) + ")";
    return out;
  }
  nlohmann::json answer = nlohmann::json::parse(result.content, nullptr, false);
  if (!answer.is_object() || !answer.contains("verdict") || !answer["verdict"].is_string()) {
    out.analysis += " (the LLM's answer was not the expected JSON)";
    return out;
  }
  std::string verdict = answer["verdict"];
  const auto& known = executorVerdicts();
  if (std::find(known.begin(), known.end(), verdict) != known.end())
    out.verdict = verdict;
  if (answer.contains("analysis") && answer["analysis"].is_string() &&
      !answer["analysis"].get_ref<const std::string&>().empty())
    out.analysis = answer["analysis"].get<std::string>().substr(0, 600);
  out.answered = true;
  return out;
}

} // namespace hpoc::agent
