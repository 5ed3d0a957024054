#include "runtime/llm/llm_check.h"

#include "runtime/llm/chat_client.h"
#include "runtime/llm/json_schema_check.h"
#include "runtime/llm/local_server.h"
#include "runtime/llm/model_files.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace hpoc::llm {
namespace {

using nlohmann::json;

/// A two-parameter space: small enough for any model, with one numeric range the
/// grammar does not enforce, so the range check means something.
json proposalSchema() {
  return json::parse(R"({
    "type": "object",
    "properties": {
      "config": {
        "type": "object",
        "properties": {
          "learning_rate": {"type": "number", "minimum": 0.00001, "maximum": 0.1},
          "batch_size": {"enum": [16, 32, 64, 128]}
        },
        "required": ["learning_rate", "batch_size"],
        "additionalProperties": false
      },
      "rationale": {"type": "string", "maxLength": 300}
    },
    "required": ["config", "rationale"],
    "additionalProperties": false
  })");
}

ChatRequest proposalRequest() {
  ChatRequest req;
  req.messages = {
      {"system",
       "You propose hyperparameters for training runs. Answer with one JSON object "
       "{\"config\": {...}, \"rationale\": \"...\"}; every value must be inside its range."},
      {"user", "Task: a small convolutional network on CIFAR-10, maximise validation accuracy.\n"
               "Space: learning_rate, float in [1e-5, 0.1], log scale; batch_size, one of 16, 32, "
               "64, 128.\nNo trials yet. Propose the first configuration with a one-sentence "
               "rationale."}};
  req.temperature = 0.2;
  req.seed = 42;
  req.max_tokens = 256;
  req.response_schema = ResponseSchema{"proposal", proposalSchema(), true};
  return req;
}

std::string seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", ms.count() / 1000.0);
  return buf;
}

std::string perSecond(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f tokens/s", v);
  return buf;
}

/// The file a path leads to, through the bootstrap's `build` link.
std::string resolvedPath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(path, ec);
  return ec || real == path ? path : path + " -> " + real.string();
}

/// Which of ggml's CPU variants a portable build loaded: the libggml-cpu-*.so
/// the running server has mapped.
std::string cpuBackend(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
  for (std::string line; std::getline(in, line);) {
    std::string name = std::filesystem::path(line.substr(line.rfind(' ') + 1)).filename().string();
    if (name.starts_with("libggml-cpu-") && name.ends_with(".so"))
      return name.substr(12, name.size() - 15) + " (" + name + ")";
  }
  return "built into the server (one instruction set)";
}

} // namespace

int runLlmCheck(const LlmCheckOptions& options, std::ostream& out, std::ostream& err) {
  EnvLookup env = options.env ? options.env : processEnvironment();
  EndpointOverrides overrides;
  if (!options.url.empty())
    overrides.url = options.url;
  if (!options.model.empty())
    overrides.model = options.model;
  EndpointConfig config = resolveEndpointConfig(overrides, env, kDefaultLocalModel);
  config.request_timeout = options.timeout;

  std::unique_ptr<LocalServer> server;
  if (config.isLocal()) {
    LocalServerOptions so;
    so.model = config.model;
    so.cache_dir = options.cache_dir;
    so.env = env;
    so.startup_timeout = options.timeout;
    so.log_path = options.server_log;
    if (so.log_path.empty())
      so.log_path = (std::filesystem::temp_directory_path() /
                     ("hpoc-llm-check-" + std::to_string(::getpid()) + ".log"))
                        .string();
    std::string why;
    server = LocalServer::start(so, &why);
    if (!server) {
      err << "error: cannot start the local LLM: " << why << "\n";
      return 1;
    }
    config.base_url = server->baseUrl();
    config.model = server->modelName();
    out << "endpoint:   local llama-server " << server->baseUrl() << " (pid " << server->pid()
        << ", log " << server->logPath() << ")\n"
        << "server:     " << resolvedPath(server->serverPath()) << "\n"
        << "cpu:        " << cpuBackend(server->pid()) << "\n"
        << "model file: " << server->modelPath() << "\n"
        << "startup:    " << seconds(server->startupTime()) << "\n";
  } else {
    out << "endpoint:   " << config.describe() << "\n";
  }

  ChatClient client(config);
  ChatResult result;
  ChatError error;
  bool ok = client.complete(proposalRequest(), &result, &error);
  out << "model:      " << (result.model.empty() ? config.model : result.model) << "\n";
  if (!ok) {
    err << "error: the LLM request failed [" << chatErrorKindName(error.kind)
        << "]: " << error.message << "\n";
    return 1;
  }
  out << "latency:    " << seconds(result.latency) << " (" << result.attempts << " attempt"
      << (result.attempts == 1 ? "" : "s") << ")\n";
  double prompt_tps = 0;
  double gen_tps = 0;
  if (result.timings) {
    prompt_tps = result.timings->promptPerSecond();
    gen_tps = result.timings->predictedPerSecond();
  } else if (result.latency.count() > 0) {
    // Without server timings only an end-to-end rate is known.
    gen_tps = result.usage.completion_tokens * 1000.0 / result.latency.count();
  }
  out << "prompt:     " << result.usage.prompt_tokens << " tokens"
      << (prompt_tps > 0 ? ", " + perSecond(prompt_tps) : std::string()) << "\n"
      << "generation: " << result.usage.completion_tokens << " tokens, " << perSecond(gen_tps)
      << (result.timings ? "" : " (end to end)") << "\n";
  if (!result.request_id.empty())
    out << "request id: " << result.request_id << "\n";
  out << "answer:     " << result.content << "\n";
  std::string why;
  bool valid = textMatchesSchema(result.content, proposalSchema(), &why);
  out << "schema:     " << (valid ? "valid" : "INVALID: " + why) << "\n";
  if (!valid) {
    err << "error: the answer does not match the schema: " << why << "\n";
    return 1;
  }
  out << "llm check: ok\n";
  return 0;
}

} // namespace hpoc::llm
