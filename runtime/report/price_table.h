// What LLM tokens cost, for the report. A built-in table of well-known hosted
// models, extended or overridden by a JSON file named in HPOC_PRICE_TABLE.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace hpoc::report {

/// US dollars per million tokens.
struct TokenPrice {
  double prompt = 0;
  double completion = 0;
};

class PriceTable {
public:
  /// The built-in table. Local models (llama-server) cost nothing.
  static PriceTable builtIn();
  /// Merges a JSON object {"model": {"prompt": 2.5, "completion": 10}, ...}.
  /// Returns false with `*err` set when the text is not such an object.
  bool merge(const std::string& jsonText, std::string* err);
  /// The price of `model`: an exact match, else the longest known prefix
  /// ("gpt-4o-2024-08-06" is priced as "gpt-4o").
  std::optional<TokenPrice> find(const std::string& model) const;
  /// Cost in dollars, or nullopt when the model is not priced.
  std::optional<double> cost(const std::string& model, long long promptTokens,
                             long long completionTokens) const;

private:
  std::map<std::string, TokenPrice> prices_;
};

/// The built-in table plus the file named by HPOC_PRICE_TABLE, if any. A file that
/// cannot be read is reported in `*warning` and ignored.
PriceTable loadPriceTable(std::string* warning);

} // namespace hpoc::report
