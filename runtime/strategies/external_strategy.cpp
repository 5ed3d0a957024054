#include "runtime/strategies/external_strategy.h"

#include "runtime/spec/config_canon.h"
#include "runtime/strategies/random_strategy.h"
#include "runtime/support/command_line.h"
#include "runtime/support/file_util.h"

#include <cstdio>
#include <set>
#include <sys/wait.h>

namespace hpoc::rt {

namespace {

nlohmann::json conditionJson(const Condition& c) {
  using Op = Condition::Op;
  switch (c.op) {
  case Op::And:
  case Op::Or:
    return {{"op", c.op == Op::And ? "and" : "or"},
            {"of", {conditionJson(c.children.at(0)), conditionJson(c.children.at(1))}}};
  case Op::Not:
    return {{"op", "not"}, {"of", {conditionJson(c.children.at(0))}}};
  case Op::In:
    return {{"op", "in"}, {"param", c.param}, {"values", c.values}};
  default:
    break;
  }
  static const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
  return {{"op", kOps[static_cast<int>(c.op)]}, {"param", c.param}, {"value", c.values.at(0)}};
}

/// Runs `command` with stdin from `inputPath`; its standard output, or throws.
std::string runProposer(const std::string& command, const std::string& inputPath) {
  std::string line = "(" + command + ") < " + shellQuote(inputPath);
  FILE* pipe = ::popen(line.c_str(), "r");
  if (!pipe)
    throw StrategyError("cannot start the proposer '" + command + "'");
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
    out.append(buf, n);
  int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw StrategyError("the proposer '" + command + "' failed (" +
                        (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                           : std::string("killed by a signal")) +
                        "); its messages are above");
  return out;
}

} // namespace

nlohmann::json externalSpace(const StudySpec& spec) {
  nlohmann::json space = nlohmann::json::array();
  for (const ParamSpec& p : spec.space) {
    nlohmann::json j = {{"name", p.name}, {"kind", paramKindName(p.kind)}};
    if (p.kind == ParamKind::Float)
      j["range"] = {p.lo, p.hi};
    else if (p.kind == ParamKind::Int)
      j["range"] = {static_cast<std::int64_t>(p.lo), static_cast<std::int64_t>(p.hi)};
    j["log"] = p.log;
    if (!p.choices.empty())
      j["choices"] = p.choices;
    if (p.when)
      j["when"] = conditionJson(*p.when);
    space.push_back(j);
  }
  return space;
}

ExternalStrategy::ExternalStrategy(const StudySpec& spec, std::int64_t seed, std::string command,
                                   std::string workDir)
    : spec_(spec), seed_(seed), command_(std::move(command)), workDir_(std::move(workDir)) {}

nlohmann::json ExternalStrategy::request(const std::vector<TrialRecord>& history, int firstNumber,
                                         int count) const {
  nlohmann::json past = nlohmann::json::array();
  for (const TrialRecord& t : history) {
    nlohmann::json j = {{"number", t.number}, {"config", t.config}, {"status", t.status}};
    j["metric"] = t.metric ? nlohmann::json(*t.metric) : nlohmann::json();
    past.push_back(j);
  }
  return {{"protocol", 1},
          {"study", spec_.name},
          {"seed", seed_},
          {"first", firstNumber},
          {"count", count},
          {"goal", {{"metric", spec_.goal.metric}, {"maximize", spec_.goal.maximize}}},
          {"space", externalSpace(spec_)},
          {"defaults", defaultConfig(spec_)},
          {"history", past}};
}

std::vector<Proposal> ExternalStrategy::propose(const std::vector<TrialRecord>& history,
                                                int firstNumber, int count) {
  std::string path = joinPath(workDir_, "proposer-request.json"), err;
  if (!writeFileAtomic(path, request(history, firstNumber, count).dump(1) + "\n", &err))
    throw StrategyError(err);
  std::string text = runProposer(command_, path);
  nlohmann::json answer = nlohmann::json::parse(text, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("proposals") ||
      !answer["proposals"].is_array())
    throw StrategyError(
        "the proposer '" + command_ +
        "' did not answer {\"proposals\": [...]} on its standard output; it wrote: " +
        text.substr(0, 300));
  std::set<std::string> tried;
  for (const TrialRecord& t : history)
    tried.insert(canonicalJson(canonicalConfig(spec_, t.config)));
  std::vector<Proposal> out;
  for (const nlohmann::json& p : answer["proposals"]) {
    if (static_cast<int>(out.size()) == count)
      break;
    if (!p.is_object() || !p.contains("config"))
      throw StrategyError("the proposer answered a proposal without a config: " + p.dump());
    Proposal prop;
    prop.config = p["config"];
    if (!validateConfig(spec_, prop.config, &err))
      throw StrategyError("the proposer proposed an invalid configuration " + prop.config.dump() +
                          ": " + err);
    prop.config = canonicalConfig(spec_, prop.config);
    if (!tried.insert(canonicalJson(prop.config)).second)
      throw StrategyError("the proposer proposed a configuration already tried: " +
                          canonicalJson(prop.config));
    prop.source = "external";
    prop.rationale = p.value("rationale", std::string("proposed by '" + command_ + "'"));
    out.push_back(std::move(prop));
  }
  return out;
}

} // namespace hpoc::rt
