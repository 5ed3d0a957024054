// Where the LLM is and how to talk to it: the endpoint, the model, the key and the
// request limits, resolved from explicit settings (the study, the command line) and
// the environment.
#pragma once

#include "runtime/llm/environment.h"

#include <chrono>
#include <optional>
#include <string>

namespace hpoc::llm {

/// An API key. It can be read only through reveal(), which the HTTP layer calls to
/// build the Authorization header; it has no serialisation and prints as "***", so
/// a config that is logged or written to a journal never carries the secret.
class ApiKey {
public:
  ApiKey() = default;
  explicit ApiKey(std::string value) : value_(std::move(value)) {}
  bool empty() const { return value_.empty(); }
  const std::string& reveal() const { return value_; }
  /// What every log line and error message shows instead of the key.
  static constexpr const char* kMasked = "***";

private:
  std::string value_;
};

/// Which setting supplied the endpoint URL; it decides which key goes with it.
enum class EndpointSource { Local, Explicit, HpocEnv, OpenAiEnv };

/// Everything ChatClient needs to reach one endpoint.
struct EndpointConfig {
  /// Base URL of the OpenAI-compatible API, including the version path
  /// (e.g. http://127.0.0.1:8080/v1); "/chat/completions" is appended unless the
  /// URL already ends with it. Empty means "start the local llama-server".
  std::string base_url;
  /// Model name sent in every request.
  std::string model;
  ApiKey api_key;
  EndpointSource source = EndpointSource::Local;

  std::chrono::milliseconds connect_timeout{10'000};
  /// Limit for one attempt, connect included. CPU models answer a 1,500-token
  /// prompt in tens of seconds, so the default is generous.
  std::chrono::milliseconds request_timeout{300'000};
  /// Attempts per request, the first included.
  int max_attempts = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{30'000};
  /// A Retry-After longer than this is not waited for: the request fails.
  std::chrono::milliseconds retry_after_cap{120'000};

  bool isLocal() const { return base_url.empty(); }
  /// The full Chat Completions URL.
  std::string chatCompletionsUrl() const;
  /// One line for logs and reports: URL, model and whether a key is set (never the key).
  std::string describe() const;
};

/// Settings that win over the environment (from the study or the command line).
struct EndpointOverrides {
  std::optional<std::string> url;
  std::optional<std::string> model;
  std::optional<std::string> api_key;
};

/// Resolves the endpoint. Precedence for each field: override, then HPOC_LLM_URL /
/// HPOC_LLM_MODEL / HPOC_LLM_API_KEY, then OPENAI_BASE_URL / OPENAI_API_KEY.
/// OPENAI_API_KEY is used only with the URL taken from OPENAI_BASE_URL, so that a
/// key for one provider is never sent to another host. With no URL at all the
/// endpoint is the local llama-server (base_url stays empty; the caller fills it
/// in once the server runs) and no key is attached. `local_default_model` is the
/// model name used when nothing names one and the endpoint is local.
EndpointConfig resolveEndpointConfig(const EndpointOverrides& overrides, const EnvLookup& env,
                                     const std::string& local_default_model);

/// Replaces every occurrence of the key in `text` by ApiKey::kMasked: the key as
/// is (so `Bearer <key>` too), JSON-escaped and percent-encoded. Apply it before
/// any truncation, so that a cut never leaves a piece of the key unmasked.
std::string redactKey(std::string text, const ApiKey& key);

} // namespace hpoc::llm
