// The one client for OpenAI-compatible Chat Completions endpoints: hosted APIs,
// vLLM, Ollama and llama.cpp's llama-server. It sends a conversation, optionally
// constrained by a JSON schema, and returns the answer with its token accounting.
#pragma once

#include "runtime/llm/endpoint_config.h"
#include "runtime/llm/retry_policy.h"

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hpoc::llm {

struct ChatMessage {
  std::string role; ///< "system", "user" or "assistant"
  std::string content;
};

/// Structured output: the answer must be a JSON value matching `schema`. Sent as
/// response_format {"type":"json_schema","json_schema":{name, schema, strict}}, which
/// hosted APIs and llama-server (as a sampling grammar) both accept.
struct ResponseSchema {
  std::string name = "answer";
  nlohmann::json schema;
  bool strict = true;
};

struct ChatRequest {
  std::vector<ChatMessage> messages;
  std::optional<double> temperature;
  std::optional<int64_t> seed;
  std::optional<int> max_tokens;
  std::optional<ResponseSchema> response_schema;
  /// Overrides EndpointConfig::model for this request.
  std::optional<std::string> model;
};

struct TokenUsage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

/// llama-server's per-request `timings` object (absent on other servers).
struct ServerTimings {
  int64_t prompt_tokens = 0; ///< prompt tokens evaluated (cache hits excluded)
  int64_t cached_tokens = 0; ///< prompt tokens reused from the slot's cache
  double prompt_ms = 0;
  int64_t predicted_tokens = 0;
  double predicted_ms = 0;
  double promptPerSecond() const { return prompt_ms > 0 ? prompt_tokens * 1000.0 / prompt_ms : 0; }
  double predictedPerSecond() const {
    return predicted_ms > 0 ? predicted_tokens * 1000.0 / predicted_ms : 0;
  }
};

/// What happened to a request, successful or not. On failure the fields that were
/// learned (usage, request id, attempts) are still filled, so that spent tokens
/// are accounted for.
struct ChatResult {
  std::string content;       ///< the assistant message's text
  std::string finish_reason; ///< "stop", "length", ...
  std::string model;         ///< the model that answered, as the server names it
  std::string request_id;    ///< x-request-id response header, else the body's "id"
  TokenUsage usage;
  std::optional<ServerTimings> timings;
  int attempts = 0;
  long http_status = 0;                 ///< status of the last attempt, 0 when none arrived
  std::chrono::milliseconds latency{0}; ///< wall time over all attempts and waits
};

enum class ChatErrorKind {
  None,
  Config,        ///< no URL or no model
  Connection,    ///< refused or unreachable after every attempt
  Timeout,       ///< an attempt ran past the request timeout, every time
  RateLimited,   ///< 429 after every attempt, or a Retry-After beyond the cap
  Server,        ///< 5xx, 408 or 409 after every attempt
  Client,        ///< 400, 401, 403, 404, 422...: the request itself is wrong
  BadResponse,   ///< 200 with a body that is not a chat completion
  Truncated,     ///< finish_reason "length": the answer was cut off
  ContentFilter, ///< finish_reason "content_filter"
};

/// A failed request. `message` never contains the API key.
struct ChatError {
  ChatErrorKind kind = ChatErrorKind::None;
  std::string message;
};

/// Short name of an error kind, for logs and journals.
const char* chatErrorKindName(ChatErrorKind kind);

/// Sends Chat Completions requests to one endpoint with timeouts, bounded retries
/// (429 honouring Retry-After; 408, 409, 5xx, timeouts and connection errors with
/// jittered exponential backoff; other 4xx at once) and token accounting.
/// Thread-compatible: one instance per thread, or external locking.
class ChatClient {
public:
  explicit ChatClient(EndpointConfig config, RetryClock clock = RetryClock::system());

  /// Sends `request`. Returns true with `*result` filled, or false with `*error`
  /// set and `*result` holding what was learned.
  bool complete(const ChatRequest& request, ChatResult* result, ChatError* error);

  /// The request body as sent (no key is ever part of it); useful for hashing.
  nlohmann::json requestBody(const ChatRequest& request) const;

  const EndpointConfig& config() const { return config_; }

private:
  bool parseAnswer(const std::string& body, ChatResult* result, ChatError* error) const;
  std::string httpErrorMessage(const HttpResponse& response) const;

  EndpointConfig config_;
  RetryClock clock_;
};

} // namespace hpoc::llm
