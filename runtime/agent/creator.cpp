#include "runtime/agent/creator.h"

#include "runtime/agent/prompt_template.h"
#include "runtime/agent/proposal_check.h"

#include <cmath>

namespace hpoc::agent {

namespace {

std::vector<llm::ChatMessage> toMessages(const nlohmann::json& messages) {
  std::vector<llm::ChatMessage> out;
  for (const nlohmann::json& m : messages)
    out.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
  return out;
}

/// Parses an answer; on failure says why in words the LLM can act on.
bool parseAnswer(const std::string& content, nlohmann::json& answer, std::string* why) {
  answer = nlohmann::json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) {
    *why = "the answer is not valid JSON";
    return false;
  }
  if (!answer.is_object()) {
    *why = "the answer must be a JSON object";
    return false;
  }
  return true;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += "- " + l + "\n";
  return out;
}

/// "'x' from 1 to 2" for each parameter that differs (added or dropped ones too).
std::string describeMove(const rt::Config& from, const rt::Config& to) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  for (auto it = to.begin(); it != to.end(); ++it) {
    if (!from.contains(it.key()))
      add("'" + it.key() + "' set to " + it.value().dump());
    else if (from[it.key()] != it.value())
      add("'" + it.key() + "' from " + from[it.key()].dump() + " to " + it.value().dump());
  }
  for (auto it = from.begin(); it != from.end(); ++it)
    if (!to.contains(it.key()))
      add("'" + it.key() + "' dropped");
  return out.empty() ? "nothing" : out;
}

} // namespace

const TrialView* Creator::bestTrial(const std::vector<TrialView>& history) const {
  const TrialView* best = nullptr;
  for (const TrialView& v : history) {
    if (v.status != "ok" || !v.metric || !std::isfinite(*v.metric))
      continue;
    if (!best || (spec_.goal.maximize ? *v.metric > *best->metric : *v.metric < *best->metric))
      best = &v;
  }
  return best;
}

/// The score every finished trial shares, when there are two or more and they
/// all succeeded with the same value; nullopt otherwise.
static std::optional<double> sameScore(const std::vector<TrialView>& history) {
  std::optional<double> score;
  int count = 0;
  for (const TrialView& v : history) {
    if (v.status != "ok" || !v.metric || !std::isfinite(*v.metric))
      return std::nullopt;
    if (score && *score != *v.metric)
      return std::nullopt;
    score = v.metric;
    ++count;
  }
  return count >= 2 ? score : std::nullopt;
}

Creator::Creator(const rt::StudySpec& spec, ChatBackend& chat, CreatorOptions options)
    : spec_(spec), chat_(chat), options_(std::move(options)) {}

Proposal Creator::propose(const std::vector<TrialView>& history, int trialNumber,
                          const std::vector<rt::Config>& tried,
                          const std::function<rt::Config()>& fallback, const Nearby& nearby,
                          int attempt) {
  Proposal p;
  llm::ChatRequest request;
  request.messages = toMessages(creatorMessages(spec_, history, trialNumber, options_.limits));
  request.temperature = options_.temperature;
  request.seed = options_.seed + trialNumber + 1000 * static_cast<std::int64_t>(attempt);
  request.max_tokens = options_.maxTokens;
  request.response_schema = llm::ResponseSchema{"proposal", creatorAnswerSchema(spec_), true};

  for (int round = 0; round < 2; ++round) {
    llm::ChatResult result;
    llm::ChatError error;
    LlmExchange exchange;
    bool answered = chat_.complete(request, &result, &error, &exchange);
    exchange.purpose = round == 0 ? "propose" : "repair";
    p.exchanges.push_back(exchange);
    if (!answered) {
      p.problems.push_back(std::string("the LLM did not answer (") +
                           llm::chatErrorKindName(error.kind) + "): " + error.message);
      // A repair round cannot help when the LLM is unreachable or cut the answer.
      if (error.kind != llm::ChatErrorKind::Truncated)
        break;
      continue;
    }
    nlohmann::json answer;
    std::string why;
    std::vector<std::string> errors;
    if (!parseAnswer(result.content, answer, &why)) {
      errors.push_back(why);
    } else if (!answer.contains("config")) {
      errors.push_back("the answer has no \"config\" object");
    } else {
      ProposalCheck check = checkProposal(spec_, answer["config"], tried);
      std::optional<rt::Config> moved;
      // A repeat says nothing new: the step starts from the best trial so far
      // (the repeated one when nothing has succeeded yet), so that a model stuck
      // on one answer still climbs rather than drifts. On a plateau (later
      // trials level with the best) it starts from the latest of them and
      // carries on the move that led there.
      const TrialView* best = bestTrial(history);
      const TrialView* previous = nullptr;
      if (best)
        for (const TrialView& v : history)
          if (v.number > best->number && v.status == "ok" && v.metric &&
              *v.metric == *best->metric) {
            previous = best;
            best = &v;
          }
      const rt::Config& origin = best ? best->config : check.config;
      // When every trial so far scored the same, no step has a direction to
      // follow: a random draw looks further than a neighbour can.
      std::optional<double> flat = sameScore(history);
      bool drawn = false;
      if (!check.ok() && check.repeats > 0 && nearby) {
        if (flat) {
          rt::Config c = fallback();
          drawn = !c.empty();
          if (drawn)
            moved = std::move(c);
        }
        if (!drawn)
          moved = nearby(origin, previous ? &previous->config : nullptr);
      }
      if (check.ok() || moved) {
        p.notes = std::move(check.notes);
        if (moved) {
          bool fromBest = best && best->number != check.repeats;
          p.notes.push_back(
              "repeated trial " + std::to_string(check.repeats) +
              (drawn ? "; every trial so far gave " + spec_.goal.metric + " " + shortNumber(*flat) +
                           ", so a random draw instead of a step"
                     : "; moved " +
                           (fromBest ? "from the best, trial " + std::to_string(best->number) + ": "
                                     : std::string()) +
                           describeMove(origin, *moved)));
          p.config = std::move(*moved);
          p.source = kSourceNudged;
        } else {
          p.config = std::move(check.config);
          p.source = round == 0 ? kSourceLlm : kSourceLlmRepaired;
        }
        if (answer.contains("rationale") && answer["rationale"].is_string())
          p.rationale = answer["rationale"].get<std::string>();
        return p;
      }
      errors = std::move(check.errors);
    }
    for (const std::string& e : errors)
      p.problems.push_back(e);
    // One repair round, quoting what was wrong.
    request.messages.push_back({"assistant", defuse(result.content, 2000)});
    request.messages.push_back(
        {"user", renderTemplate(promptTemplate("repair_user"), {{"errors", joinLines(errors)}})});
  }
  p.config = fallback();
  p.source = kSourceRandomFallback;
  p.rationale = "The LLM's answers could not be used, so this configuration was drawn at random.";
  return p;
}

/// Asks once; false with `why` when there is no JSON object to read.
static bool askJson(ChatBackend& chat, const llm::ChatRequest& request, const char* purpose,
                    nlohmann::json* answer, std::string* why, std::vector<LlmExchange>* spent) {
  llm::ChatResult result;
  llm::ChatError error;
  LlmExchange exchange;
  bool answered = chat.complete(request, &result, &error, &exchange);
  exchange.purpose = purpose;
  spent->push_back(exchange);
  if (!answered) {
    *why = std::string("the LLM did not answer (") + llm::chatErrorKindName(error.kind) +
           "): " + error.message;
    return false;
  }
  return parseAnswer(result.content, *answer, why);
}

WarmStart Creator::warmStart(int count, int firstNumber, const std::vector<rt::Config>& tried,
                             int attempt) {
  WarmStart w;
  llm::ChatRequest request;
  request.messages =
      toMessages(warmStartMessages(spec_, count, firstNumber, tried, options_.limits));
  request.temperature = options_.temperature;
  request.seed = options_.seed + firstNumber + 1000 * static_cast<std::int64_t>(attempt);
  request.max_tokens = options_.maxTokens * std::max(1, count);
  request.response_schema = llm::ResponseSchema{"warm_start", warmStartSchema(spec_, count), true};
  nlohmann::json answer;
  if (!askJson(chat_, request, "warm-start", &answer, &w.failure, &w.exchanges))
    return w;
  if (!answer.contains("proposals") || !answer["proposals"].is_array()) {
    w.failure = "the answer has no \"proposals\" list";
    return w;
  }
  w.answered = true;
  std::vector<rt::Config> seen = tried;
  for (const nlohmann::json& item : answer["proposals"]) {
    if (static_cast<int>(w.items.size()) == count)
      break;
    WarmStartItem it;
    if (item.is_object() && item.contains("rationale") && item["rationale"].is_string())
      it.rationale = item["rationale"];
    if (!item.is_object() || !item.contains("config")) {
      it.problem = "the proposal has no \"config\" object";
    } else {
      ProposalCheck check = checkProposal(spec_, item["config"], seen);
      if (check.ok()) {
        seen.push_back(check.config);
        it.config = std::move(check.config);
      } else if (check.repeats > 0) {
        it.repeats = check.repeats;
      } else {
        it.problem = check.errors.front();
      }
    }
    w.items.push_back(std::move(it));
  }
  return w;
}

Choice Creator::choose(const std::vector<TrialView>& history, int trialNumber,
                       const std::vector<TpeOption>& options, const std::vector<rt::Config>& tried,
                       int attempt) {
  Choice c;
  llm::ChatRequest request;
  request.messages =
      toMessages(choiceMessages(spec_, history, trialNumber, options, options_.limits));
  request.temperature = options_.temperature;
  request.seed = options_.seed + trialNumber + 1000 * static_cast<std::int64_t>(attempt);
  request.max_tokens = options_.maxTokens;
  request.response_schema =
      llm::ResponseSchema{"choice", choiceSchema(spec_, options.size()), true};
  nlohmann::json answer;
  if (!askJson(chat_, request, "choose", &answer, &c.failure, &c.exchanges))
    return c;
  std::string choice = answer.contains("choice") && answer["choice"].is_string()
                           ? answer["choice"].get<std::string>()
                           : "";
  if (answer.contains("rationale") && answer["rationale"].is_string())
    c.rationale = answer["rationale"];
  for (std::size_t i = 0; i < options.size(); ++i)
    if (choice == optionLetter(i))
      c.option = static_cast<int>(i);
  if (c.option < 0 && choice != "own") {
    c.failure = "the answer's \"choice\" is neither an option's letter nor \"own\"";
    return c;
  }
  c.answered = true;
  if (c.option >= 0)
    return c;
  if (!answer.contains("config")) {
    c.problems.push_back("the answer chose \"own\" but gave no \"config\"");
    return c;
  }
  ProposalCheck check = checkProposal(spec_, answer["config"], tried);
  if (check.ok())
    c.own = std::move(check.config);
  else if (check.repeats > 0)
    c.repeats = check.repeats;
  else
    c.problems = std::move(check.errors);
  return c;
}

std::optional<rt::StudySummary> Creator::summarise(const std::vector<TrialView>& history,
                                                   std::vector<LlmExchange>* exchanges) {
  const TrialView* best = bestTrial(history);
  PromptLimits limits = options_.limits;
  limits.maxHistoryRows = std::max<std::size_t>(limits.maxHistoryRows, 60);
  std::map<std::string, std::string> vars = {
      {"task", spec_.task.empty() ? "(not described)" : defuse(spec_.task, 1500)},
      {"goal", describeGoal(spec_)},
      {"space", describeSpace(spec_)},
      {"history", historyTable(spec_, history, limits)},
      {"best_trial", best ? std::to_string(best->number) : "none"},
      {"best_metric", best ? spec_.goal.metric + " = " + shortNumber(*best->metric) : "no result"},
  };
  llm::ChatRequest request;
  request.messages = {{"system", renderTemplate(promptTemplate("report_system"), {})},
                      {"user", renderTemplate(promptTemplate("report_user"), vars)}};
  request.temperature = options_.temperature;
  request.seed = options_.seed;
  request.max_tokens = 900;
  // Bounded lengths keep the report to a few hundred tokens on a CPU model.
  nlohmann::json names = nlohmann::json::array();
  for (const rt::ParamSpec& p : spec_.space)
    names.push_back(p.name);
  nlohmann::json influence = {
      {"type", "object"},
      {"properties",
       {{"parameter", {{"enum", names}}}, {"effect", {{"type", "string"}, {"maxLength", 160}}}}},
      {"required", {"parameter", "effect"}},
      {"additionalProperties", false}};
  nlohmann::json schema = {
      {"type", "object"},
      {"properties",
       {{"summary", {{"type", "string"}, {"maxLength", 480}}},
        {"influence", {{"type", "array"}, {"items", influence}, {"maxItems", names.size()}}},
        {"next",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"maxLength", 160}}},
          {"maxItems", 3}}}}},
      {"required", {"summary", "influence", "next"}},
      {"additionalProperties", false}};
  request.response_schema = llm::ResponseSchema{"report", schema, true};

  llm::ChatResult result;
  llm::ChatError error;
  LlmExchange exchange;
  bool answered = chat_.complete(request, &result, &error, &exchange);
  exchange.purpose = "report";
  if (exchanges)
    exchanges->push_back(exchange);
  nlohmann::json answer;
  std::string why;
  if (!answered || !parseAnswer(result.content, answer, &why))
    return std::nullopt;
  rt::StudySummary s;
  if (answer.contains("summary") && answer["summary"].is_string())
    s.summary = answer["summary"];
  if (answer.contains("influence") && answer["influence"].is_array())
    for (const nlohmann::json& i : answer["influence"])
      if (i.is_object() && i.contains("parameter") && i.contains("effect") &&
          i["parameter"].is_string() && i["effect"].is_string())
        s.influence.emplace_back(i["parameter"], i["effect"]);
  if (answer.contains("next") && answer["next"].is_array())
    for (const nlohmann::json& n : answer["next"])
      if (n.is_string() && s.next.size() < 3)
        s.next.push_back(n);
  if (s.summary.empty() && s.influence.empty())
    return std::nullopt;
  return s;
}

} // namespace hpoc::agent
