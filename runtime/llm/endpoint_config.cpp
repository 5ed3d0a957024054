#include "runtime/llm/endpoint_config.h"

namespace hpoc::llm {
namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

std::string redactKey(std::string text, const ApiKey& key) {
  if (key.empty())
    return text;
  const std::string& secret = key.reveal();
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), ApiKey::kMasked);
    pos += 3;
  }
  return text;
}

} // namespace hpoc::llm
