#include "runtime/agent/cached_chat.h"

#include "runtime/agent/replay_miss.h"
#include "runtime/support/sha256.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace hpoc::agent {

namespace fs = std::filesystem;

CachedChat::CachedChat(std::string cacheDir, llm::EndpointConfig keyConfig, ChatConnector connect)
    : dir_(std::move(cacheDir)), keyClient_(std::move(keyConfig)), connect_(std::move(connect)) {}

std::string CachedChat::keyOf(const llm::ChatRequest& request) const {
  return rt::sha256Hex(keyClient_.requestBody(request).dump());
}

bool CachedChat::load(const std::string& key, llm::ChatResult* result) const {
  std::ifstream in(fs::path(dir_) / (key + ".json"));
  if (!in)
    return false;
  nlohmann::json entry = nlohmann::json::parse(in, nullptr, false);
  // A damaged entry (not JSON, or a field of the wrong type) is a miss; the new
  // answer replaces it.
  if (!entry.is_object() || !entry.contains("response") || !entry["response"].is_object())
    return false;
  const nlohmann::json& r = entry["response"];
  auto is = [&r](const char* field, bool (nlohmann::json::*test)() const noexcept) {
    return !r.contains(field) || (r[field].*test)();
  };
  if (!r.contains("content") || !r["content"].is_string() ||
      !is("finish_reason", &nlohmann::json::is_string) ||
      !is("model", &nlohmann::json::is_string) || !is("request_id", &nlohmann::json::is_string) ||
      !is("prompt_tokens", &nlohmann::json::is_number_integer) ||
      !is("completion_tokens", &nlohmann::json::is_number_integer) ||
      !is("latency_ms", &nlohmann::json::is_number_integer))
    return false;
  result->content = r["content"];
  result->finish_reason = r.value("finish_reason", "stop");
  result->model = r.value("model", "");
  result->request_id = r.value("request_id", "");
  result->usage.prompt_tokens = r.value("prompt_tokens", 0);
  result->usage.completion_tokens = r.value("completion_tokens", 0);
  result->latency = std::chrono::milliseconds(r.value("latency_ms", 0));
  return true;
}

void CachedChat::store(const std::string& key, const nlohmann::json& body,
                       const llm::ChatResult& result) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  nlohmann::json entry = {{"request", body},
                          {"response",
                           {{"content", result.content},
                            {"finish_reason", result.finish_reason},
                            {"model", result.model},
                            {"request_id", result.request_id},
                            {"prompt_tokens", result.usage.prompt_tokens},
                            {"completion_tokens", result.usage.completion_tokens},
                            {"latency_ms", result.latency.count()}}}};
  fs::path final = fs::path(dir_) / (key + ".json");
  fs::path tmp = final;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << entry.dump(1) << "\n";
    if (!out)
      return; // a cache that cannot be written costs a rerun, nothing else
  }
  fs::rename(tmp, final, ec);
  if (ec)
    fs::remove(tmp, ec);
}

bool CachedChat::complete(const llm::ChatRequest& request, llm::ChatResult* result,
                          llm::ChatError* error, LlmExchange* exchange) {
  nlohmann::json body = keyClient_.requestBody(request);
  std::string key = rt::sha256Hex(body.dump());
  exchange->requestHash = key;
  if (load(key, result)) {
    ++hits_;
    exchange->cached = true;
    exchange->ok = true;
    exchange->model = result->model;
    exchange->requestId = result->request_id;
    exchange->promptTokens = result->usage.prompt_tokens;
    exchange->completionTokens = result->usage.completion_tokens;
    return true;
  }
  if (strict_)
    throw ReplayMiss(describeReplayMiss(dir_, body, key, seedBase_));
  if (!live_ && connectError_.empty()) {
    live_ = connect_(&connectError_);
    if (!live_ && connectError_.empty())
      connectError_ = "the LLM could not be reached";
  }
  if (!live_) {
    error->kind = llm::ChatErrorKind::Connection;
    error->message = connectError_;
    exchange->error = connectError_;
    return false;
  }
  ++misses_;
  bool ok = live_->complete(request, result, error);
  if (!ok && recover_ &&
      (error->kind == llm::ChatErrorKind::Connection || error->kind == llm::ChatErrorKind::Server ||
       error->kind == llm::ChatErrorKind::Timeout)) {
    std::string why;
    if (llm::ChatClient* again = recover_(&why)) {
      live_ = again;
      *result = llm::ChatResult{};
      ok = live_->complete(request, result, error);
    } else if (!why.empty()) {
      error->message = why + " (" + error->message + ")";
    }
  }
  exchange->ok = ok;
  exchange->model = result->model;
  exchange->requestId = result->request_id;
  exchange->promptTokens = result->usage.prompt_tokens;
  exchange->completionTokens = result->usage.completion_tokens;
  exchange->seconds = static_cast<double>(result->latency.count()) / 1000.0;
  if (!ok) {
    exchange->error = error->message;
    return false;
  }
  store(key, body, *result);
  return true;
}

} // namespace hpoc::agent
