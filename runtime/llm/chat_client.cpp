#include "runtime/llm/chat_client.h"

#include "runtime/llm/http_client.h"

namespace hpoc::llm {

using nlohmann::json;

const char* chatErrorKindName(ChatErrorKind kind) {
  switch (kind) {
  case ChatErrorKind::None:
    return "none";
  case ChatErrorKind::Config:
    return "config";
  case ChatErrorKind::Connection:
    return "connection";
  case ChatErrorKind::Timeout:
    return "timeout";
  case ChatErrorKind::RateLimited:
    return "rate-limited";
  case ChatErrorKind::Server:
    return "server";
  case ChatErrorKind::Client:
    return "client";
  case ChatErrorKind::BadResponse:
    return "bad-response";
  case ChatErrorKind::Truncated:
    return "truncated";
  case ChatErrorKind::ContentFilter:
    return "content-filter";
  }
  return "unknown";
}

ChatClient::ChatClient(EndpointConfig config, RetryClock clock)
    : config_(std::move(config)), clock_(std::move(clock)) {}

json ChatClient::requestBody(const ChatRequest& request) const {
  json body;
  body["model"] = request.model ? *request.model : config_.model;
  json messages = json::array();
  for (const auto& m : request.messages)
    messages.push_back({{"role", m.role}, {"content", m.content}});
  body["messages"] = std::move(messages);
  if (request.temperature)
    body["temperature"] = *request.temperature;
  if (request.seed)
    body["seed"] = *request.seed;
  if (request.max_tokens)
    body["max_tokens"] = *request.max_tokens;
  if (request.response_schema) {
    const auto& rs = *request.response_schema;
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", rs.name}, {"schema", rs.schema}, {"strict", rs.strict}}}};
  }
  return body;
}

namespace {

int64_t intField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<int64_t>() : 0;
}

double doubleField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

ChatErrorKind kindForStatus(long status) {
  if (status == 429)
    return ChatErrorKind::RateLimited;
  if (status == 408 || status == 409 || status >= 500)
    return ChatErrorKind::Server;
  return ChatErrorKind::Client;
}

} // namespace

std::string ChatClient::httpErrorMessage(const HttpResponse& response) const {
  std::string url = config_.chatCompletionsUrl();
  if (response.error != TransportError::None)
    return redactKey(url + ": " + response.error_message, config_.api_key);
  std::string detail;
  json body = json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    const json& e = body["error"];
    detail = e.is_object() && e.contains("message") && e["message"].is_string()
                 ? e["message"].get<std::string>()
                 : e.dump(-1, ' ', false, json::error_handler_t::replace);
    detail = redactKey(std::move(detail), config_.api_key);
  } else {
    // Masked before the cut: a key straddling byte 300 would otherwise survive in part.
    detail = redactKey(response.body, config_.api_key).substr(0, 300);
  }
  return redactKey(url + ": HTTP " + std::to_string(response.status) +
                       (detail.empty() ? "" : ": " + detail),
                   config_.api_key);
}

bool ChatClient::parseAnswer(const std::string& text, ChatResult* result, ChatError* error) const {
  json body = json::parse(text, nullptr, false);
  auto bad = [&](const std::string& why) {
    error->kind = ChatErrorKind::BadResponse;
    error->message = config_.chatCompletionsUrl() + ": " + why;
    return false;
  };
  if (body.is_discarded() || !body.is_object())
    return bad("response is not a JSON object: " + redactKey(text, config_.api_key).substr(0, 200));
  if (auto usage = body.find("usage"); usage != body.end() && usage->is_object()) {
    result->usage.prompt_tokens = intField(*usage, "prompt_tokens");
    result->usage.completion_tokens = intField(*usage, "completion_tokens");
  }
  if (auto t = body.find("timings"); t != body.end() && t->is_object()) {
    ServerTimings timings;
    timings.prompt_tokens = intField(*t, "prompt_n");
    timings.cached_tokens = intField(*t, "cache_n");
    timings.prompt_ms = doubleField(*t, "prompt_ms");
    timings.predicted_tokens = intField(*t, "predicted_n");
    timings.predicted_ms = doubleField(*t, "predicted_ms");
    result->timings = timings;
  }
  if (body.contains("model") && body["model"].is_string())
    result->model = body["model"].get<std::string>();
  if (result->request_id.empty() && body.contains("id") && body["id"].is_string())
    result->request_id = body["id"].get<std::string>();

  auto choices = body.find("choices");
  if (choices == body.end() || !choices->is_array() || choices->empty())
    return bad("response has no choices");
  const json& choice = (*choices)[0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object())
    return bad("first choice has no message");
  const json& content = choice["message"].value("content", json());
  if (choice.contains("finish_reason") && choice["finish_reason"].is_string())
    result->finish_reason = choice["finish_reason"].get<std::string>();
  if (content.is_string())
    result->content = content.get<std::string>();

  if (result->finish_reason == "length") {
    error->kind = ChatErrorKind::Truncated;
    error->message = "the answer was cut off at the token limit (finish_reason \"length\")";
    return false;
  }
  if (result->finish_reason == "content_filter") {
    error->kind = ChatErrorKind::ContentFilter;
    error->message = "the provider withheld the answer (finish_reason \"content_filter\")";
    return false;
  }
  if (!content.is_string())
    return bad("message content is not a string");
  return true;
}

bool ChatClient::complete(const ChatRequest& request, ChatResult* result, ChatError* error) {
  *result = ChatResult{};
  *error = ChatError{};
  if (config_.base_url.empty() || (config_.model.empty() && !request.model)) {
    error->kind = ChatErrorKind::Config;
    error->message = config_.base_url.empty()
                         ? "no LLM endpoint: set HPOC_LLM_URL or start the local server"
                         : "no model name: set HPOC_LLM_MODEL or name the model in the study";
    return false;
  }

  HttpRequest http;
  http.method = "POST";
  http.url = config_.chatCompletionsUrl();
  http.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  if (!config_.api_key.empty())
    http.headers.emplace_back("Authorization", "Bearer " + config_.api_key.reveal());
  http.body = requestBody(request).dump();
  http.connect_timeout = config_.connect_timeout;
  http.total_timeout = config_.request_timeout;

  auto start = clock_.now();
  const int max_attempts = std::max(1, config_.max_attempts);
  HttpResponse response;
  for (int attempt = 1;; ++attempt) {
    response = performHttp(http);
    result->attempts = attempt;
    result->http_status = response.status;
    if (auto id = response.headers.find("x-request-id"); id != response.headers.end())
      result->request_id = redactKey(id->second, config_.api_key);

    RetryVerdict verdict = classifyAttempt(response);
    if (verdict == RetryVerdict::Done || attempt >= max_attempts)
      break;
    std::chrono::milliseconds wait =
        backoffDelay(attempt, config_.backoff_base, config_.backoff_cap, clock_.jitter());
    if (verdict == RetryVerdict::RetryAfter) {
      wait = *retryAfter(response);
      if (wait > config_.retry_after_cap) {
        result->latency =
            std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start);
        error->kind = ChatErrorKind::RateLimited;
        error->message = httpErrorMessage(response) + " (Retry-After " +
                         std::to_string(wait.count() / 1000) + " s is beyond the limit)";
        return false;
      }
    }
    clock_.sleep(wait);
  }
  result->latency = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start);

  if (response.error != TransportError::None) {
    error->kind = response.error == TransportError::Timeout ? ChatErrorKind::Timeout
                                                            : ChatErrorKind::Connection;
    error->message = httpErrorMessage(response);
    if (result->attempts > 1)
      error->message += " (after " + std::to_string(result->attempts) + " attempts)";
    return false;
  }
  if (response.status < 200 || response.status > 299) {
    error->kind = kindForStatus(response.status);
    error->message = httpErrorMessage(response);
    if (result->attempts > 1)
      error->message += " (after " + std::to_string(result->attempts) + " attempts)";
    return false;
  }
  bool parsed = parseAnswer(response.body, result, error);
  // Whatever the server sent is written to the journal, the cache and the report:
  // a key it echoes must not reach any of them.
  for (std::string* text : {&result->content, &result->model, &result->request_id,
                            &result->finish_reason, &error->message})
    *text = redactKey(std::move(*text), config_.api_key);
  return parsed;
}

} // namespace hpoc::llm
