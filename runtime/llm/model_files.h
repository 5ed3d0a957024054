// Where the bootstrap puts llama-server and the models, and the checks made on
// those files before a server is started.
#pragma once

#include "runtime/llm/environment.h"

#include <string>

namespace hpoc::llm {

/// The model the runtime serves when nothing names one; the lock file
/// scripts/llm-models.lock marks the same name as `default`.
inline constexpr const char* kDefaultLocalModel = "qwen2.5-coder-0.5b-instruct-q4_k_m";

/// What every "file missing" error tells the user to do.
inline constexpr const char* kBootstrapHint =
    "run scripts/bootstrap-llm.sh (share/hpoc/bootstrap-llm.sh in an installed hpoc)";

/// $CACHE/llama.cpp/build/bin/llama-server, or HPOC_LLAMA_SERVER when set.
std::string defaultServerPath(const std::string& cache_dir, const EnvLookup& env);

/// $CACHE/models/<name>.gguf.
std::string cachedModelPath(const std::string& cache_dir, const std::string& name);

/// Turns what the user named into a GGUF path: a name containing '/' or ending in
/// ".gguf" is a path; anything else is a model name in the cache.
std::string resolveModelPath(const std::string& name_or_path, const std::string& cache_dir);

/// The model's name as reported to users: the file name without ".gguf".
std::string modelNameFromPath(const std::string& path);

/// True when `path` exists and starts with a GGUF header (magic "GGUF", version
/// 2 or 3). Otherwise false with an error that names the file and the fix.
bool checkGgufFile(const std::string& path, std::string* err);

/// True when `path` is an executable file; otherwise false with an error naming the fix.
bool checkServerBinary(const std::string& path, std::string* err);

} // namespace hpoc::llm
