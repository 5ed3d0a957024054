#include "runtime/report/price_table.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hpoc::report {

PriceTable PriceTable::builtIn() {
  PriceTable t;
  // List prices in dollars per million tokens. gpt-4-turbo and gpt-3.5-turbo-1106
  // are the models whose costs the AgentHPO paper reports ($3.11 and $0.12 a task).
  t.prices_ = {
      {"gpt-4", {30, 60}},
      {"gpt-4-turbo", {10, 30}},
      {"gpt-4-1106-preview", {10, 30}},
      {"gpt-4o", {2.5, 10}},
      {"gpt-4o-mini", {0.15, 0.6}},
      {"gpt-4.1", {2, 8}},
      {"gpt-4.1-mini", {0.4, 1.6}},
      {"gpt-4.1-nano", {0.1, 0.4}},
      {"gpt-3.5-turbo", {0.5, 1.5}},
      {"gpt-3.5-turbo-1106", {1, 2}},
  };
  return t;
}

bool PriceTable::merge(const std::string& jsonText, std::string* err) {
  nlohmann::json j = nlohmann::json::parse(jsonText, nullptr, false);
  if (!j.is_object()) {
    *err = "a price table is a JSON object of {\"model\": {\"prompt\": X, \"completion\": Y}}";
    return false;
  }
  std::map<std::string, TokenPrice> add;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const nlohmann::json& p = it.value();
    if (!p.is_object() || !p.contains("prompt") || !p.contains("completion") ||
        !p["prompt"].is_number() || !p["completion"].is_number()) {
      *err = "price of '" + it.key() +
             "' needs numbers \"prompt\" and \"completion\" "
             "(dollars per million tokens)";
      return false;
    }
    add[it.key()] = {p["prompt"].get<double>(), p["completion"].get<double>()};
  }
  for (auto& [k, v] : add)
    prices_[k] = v;
  return true;
}

std::optional<TokenPrice> PriceTable::find(const std::string& model) const {
  std::optional<TokenPrice> best;
  std::size_t bestLength = 0;
  for (const auto& [name, price] : prices_) {
    if (model == name)
      return price;
    if (model.rfind(name + "-", 0) == 0 && name.size() > bestLength) {
      best = price;
      bestLength = name.size();
    }
  }
  return best;
}

std::optional<double> PriceTable::cost(const std::string& model, long long promptTokens,
                                       long long completionTokens) const {
  auto p = find(model);
  if (!p)
    return std::nullopt;
  return (static_cast<double>(promptTokens) * p->prompt +
          static_cast<double>(completionTokens) * p->completion) /
         1e6;
}

PriceTable loadPriceTable(std::string* warning) {
  PriceTable t = PriceTable::builtIn();
  const char* path = std::getenv("HPOC_PRICE_TABLE");
  if (!path || !*path)
    return t;
  std::ifstream in(path);
  if (!in) {
    *warning = std::string("cannot read the price table '") + path + "'";
    return t;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string err;
  if (!t.merge(buf.str(), &err))
    *warning = std::string(path) + ": " + err;
  return t;
}

} // namespace hpoc::report
