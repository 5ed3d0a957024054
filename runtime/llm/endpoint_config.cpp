#include "runtime/llm/endpoint_config.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace hpoc::llm {
namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::string EndpointConfig::chatCompletionsUrl() const {
  std::string url = base_url;
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  if (endsWith(url, "/chat/completions"))
    return url;
  return url + "/chat/completions";
}

std::string EndpointConfig::describe() const {
  std::string where = isLocal() ? std::string("local llama-server") : base_url;
  return where + " model=" + (model.empty() ? "(unset)" : model) +
         " key=" + (api_key.empty() ? "none" : ApiKey::kMasked);
}

EndpointConfig resolveEndpointConfig(const EndpointOverrides& overrides, const EnvLookup& env,
                                     const std::string& local_default_model) {
  EndpointConfig config;
  if (overrides.url && !overrides.url->empty()) {
    config.base_url = *overrides.url;
    config.source = EndpointSource::Explicit;
  } else if (auto url = env("HPOC_LLM_URL")) {
    config.base_url = *url;
    config.source = EndpointSource::HpocEnv;
  } else if (auto url = env("OPENAI_BASE_URL")) {
    config.base_url = *url;
    config.source = EndpointSource::OpenAiEnv;
  }

  if (overrides.model && !overrides.model->empty())
    config.model = *overrides.model;
  else if (auto model = env("HPOC_LLM_MODEL"))
    config.model = *model;
  else if (config.isLocal())
    config.model = local_default_model;

  if (config.isLocal())
    return config;
  if (overrides.api_key && !overrides.api_key->empty())
    config.api_key = ApiKey(*overrides.api_key);
  else if (auto key = env("HPOC_LLM_API_KEY"))
    config.api_key = ApiKey(*key);
  else if (config.source == EndpointSource::OpenAiEnv)
    if (auto key = env("OPENAI_API_KEY"))
      config.api_key = ApiKey(*key);
  return config;
}

namespace {

/// `text` with each occurrence of `secret` replaced by ApiKey::kMasked.
void maskEvery(std::string* text, const std::string& secret) {
  if (secret.empty())
    return;
  for (size_t pos = text->find(secret); pos != std::string::npos; pos = text->find(secret, pos)) {
    text->replace(pos, secret.size(), ApiKey::kMasked);
    pos += std::char_traits<char>::length(ApiKey::kMasked);
  }
}

/// The key as it appears inside a JSON string (a server that echoes the
/// request's JSON, or a key with a quote or backslash in it).
std::string jsonEscaped(const std::string& key) {
  std::string quoted =
      nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

/// The key as it appears in a URL's query or a form body.
std::string percentEncoded(const std::string& key) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

} // namespace

std::string redactKey(std::string text, const ApiKey& key) {
  if (key.empty())
    return text;
  const std::string& secret = key.reveal();
  maskEvery(&text, secret);
  maskEvery(&text, jsonEscaped(secret));
  maskEvery(&text, percentEncoded(secret));
  return text;
}

} // namespace hpoc::llm
