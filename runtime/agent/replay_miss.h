// What a strict replay (`--replay`) says when a request is not in the response
// cache: which request it was (its purpose and trial) and where it parts from the
// nearest cached one, so that the line of the prompt that changed is named
// instead of the study quietly asking the LLM or falling back to random draws.
#pragma once

#include "runtime/strategies/external_strategy.h"

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::agent {

/// A request a strict replay could not answer; the run stops on it. A
/// StrategyError, so the study loop reports it as the strategy's failure.
struct ReplayMiss : rt::StrategyError {
  using rt::StrategyError::StrategyError;
};

/// "propose", "repair", "analyse" or "report", read from the request body (its
/// answer schema's name and its number of messages); "request" when unknown.
std::string requestPurpose(const nlohmann::json& body);

/// Where `wanted` and `cached` (request bodies) first differ: a field path such as
/// `messages[1].content` and, for text, the first differing line of both sides.
/// Empty when they are equal.
std::string firstDifference(const nlohmann::json& cached, const nlohmann::json& wanted);

/// The message for a miss of `wanted` (cache key `key`) in the cache folder
/// `cacheDir`. `seedBase` is the study's seed: a proposal's or analysis's request
/// seed is seedBase + its trial number, which the message names.
std::string describeReplayMiss(const std::string& cacheDir, const nlohmann::json& wanted,
                               const std::string& key, long long seedBase);

} // namespace hpoc::agent
