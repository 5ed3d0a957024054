// `hpoc llm check`: brings up the configured LLM, asks for one small
// schema-constrained hyperparameter proposal, and reports speed and validity.
#pragma once

#include "runtime/llm/environment.h"

#include <chrono>
#include <iosfwd>
#include <string>

namespace hpoc::llm {

struct LlmCheckOptions {
  /// OpenAI-compatible base URL; empty means HPOC_LLM_URL / OPENAI_BASE_URL, and
  /// when those are unset too, the local llama-server started here.
  std::string url;
  /// Model name sent to a remote endpoint, or for the local server a model name in
  /// the cache (or a GGUF path). Empty means HPOC_LLM_MODEL, else the default.
  std::string model;
  /// Cache of the bootstrap (llama-server and models); empty means the default.
  std::string cache_dir;
  /// The local server's log; empty means a file in the system temp directory.
  std::string server_log;
  /// One request's limit (also the local server's start-up limit).
  std::chrono::milliseconds timeout{300'000};
  /// Environment lookups; empty means the process environment.
  EnvLookup env;
};

/// Runs the check and prints a short report to `out` (endpoint, model, latency,
/// prompt and generation tokens/s, the answer, whether it matches the schema);
/// problems go to `err`. Returns 0 when the answer is valid, 1 otherwise.
int runLlmCheck(const LlmCheckOptions& options, std::ostream& out, std::ostream& err);

} // namespace hpoc::llm
