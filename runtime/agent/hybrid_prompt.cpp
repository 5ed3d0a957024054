#include "runtime/agent/hybrid_prompt.h"

#include "runtime/agent/prompt_template.h"

namespace hpoc::agent {

namespace {

nlohmann::json messages(const std::string& user) {
  return nlohmann::json::array(
      {{{"role", "system"}, {"content", renderTemplate(promptTemplate("creator_system"), {})}},
       {{"role", "user"}, {"content", user}}});
}

/// The config part of the Creator's usual answer schema.
nlohmann::json configSchema(const rt::StudySpec& spec) {
  return creatorAnswerSchema(spec)["properties"]["config"];
}

} // namespace

std::string optionLetter(std::size_t index) {
  return std::string(1, static_cast<char>('A' + index % 26));
}

nlohmann::json warmStartMessages(const rt::StudySpec& spec, int count, int first,
                                 const std::vector<rt::Config>& planned,
                                 const PromptLimits& limits) {
  std::map<std::string, std::string> vars = studyPromptVars(spec, limits);
  std::string plannedText;
  for (std::size_t i = 0; i < planned.size(); ++i)
    plannedText += "- trial " + std::to_string(i + 1) + ": " + configText(spec, planned[i]) + "\n";
  vars["planned"] = plannedText.empty() ? "nothing yet" : plannedText;
  vars["count"] = std::to_string(count);
  vars["first"] = std::to_string(first);
  vars["last"] = std::to_string(first + count - 1);
  return messages(renderTemplate(promptTemplate("warm_start_user"), vars));
}

nlohmann::json warmStartSchema(const rt::StudySpec& spec, int count) {
  nlohmann::json item = {
      {"type", "object"},
      {"properties",
       {{"rationale", {{"type", "string"}, {"maxLength", 200}}}, {"config", configSchema(spec)}}},
      {"required", {"rationale", "config"}},
      {"additionalProperties", false}};
  nlohmann::json list = {
      {"type", "array"}, {"items", item}, {"minItems", count}, {"maxItems", count}};
  return {{"type", "object"},
          {"properties", {{"proposals", list}}},
          {"required", {"proposals"}},
          {"additionalProperties", false}};
}

nlohmann::json choiceMessages(const rt::StudySpec& spec, const std::vector<TrialView>& trials,
                              int trialNumber, const std::vector<TpeOption>& options,
                              const PromptLimits& limits) {
  std::map<std::string, std::string> vars = studyPromptVars(spec, limits);
  vars["history"] = historyTable(spec, trials, limits);
  vars["trial"] = std::to_string(trialNumber);
  std::string text;
  for (std::size_t i = 0; i < options.size(); ++i)
    text += "- " + optionLetter(i) + ": " + configText(spec, options[i].config) + " (score " +
            shortNumber(options[i].logRatio) + ")\n";
  vars["options"] = text;
  return messages(renderTemplate(promptTemplate("choice_user"), vars));
}

nlohmann::json choiceSchema(const rt::StudySpec& spec, std::size_t options) {
  nlohmann::json choices = nlohmann::json::array();
  for (std::size_t i = 0; i < options; ++i)
    choices.push_back(optionLetter(i));
  choices.push_back("own");
  return {{"type", "object"},
          {"properties",
           {{"rationale", {{"type", "string"}, {"maxLength", kMaxRationaleChars}}},
            {"choice", {{"enum", choices}}},
            {"config", configSchema(spec)}}},
          {"required", {"rationale", "choice"}},
          {"additionalProperties", false}};
}

} // namespace hpoc::agent
