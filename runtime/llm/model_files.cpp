#include "runtime/llm/model_files.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace hpoc::llm {

std::string defaultServerPath(const std::string& cache_dir, const EnvLookup& env) {
  if (auto path = env("HPOC_LLAMA_SERVER"))
    return *path;
  return cache_dir + "/llama.cpp/build/bin/llama-server";
}

std::string cachedModelPath(const std::string& cache_dir, const std::string& name) {
  return cache_dir + "/models/" + name + ".gguf";
}

std::string resolveModelPath(const std::string& name_or_path, const std::string& cache_dir) {
  const std::string& n = name_or_path;
  bool is_path = n.find('/') != std::string::npos ||
                 (n.size() > 5 && n.compare(n.size() - 5, 5, ".gguf") == 0);
  return is_path ? n : cachedModelPath(cache_dir, n);
}

std::string modelNameFromPath(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".gguf") == 0)
    name.resize(name.size() - 5);
  return name;
}

bool checkGgufFile(const std::string& path, std::string* err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *err = "model file " + path + " not found; " + kBootstrapHint;
    return false;
  }
  unsigned char header[8] = {0};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() != sizeof header || header[0] != 'G' || header[1] != 'G' || header[2] != 'U' ||
      header[3] != 'F') {
    *err = "model file " + path + " is not a GGUF file (bad magic bytes); " + kBootstrapHint +
           " to fetch it again";
    return false;
  }
  uint32_t version = header[4] | header[5] << 8 | header[6] << 16 | uint32_t(header[7]) << 24;
  if (version < 2 || version > 3) {
    *err = "model file " + path + " has unsupported GGUF version " + std::to_string(version) +
           "; " + kBootstrapHint + " to fetch it again";
    return false;
  }
  return true;
}

bool checkServerBinary(const std::string& path, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || ::access(path.c_str(), X_OK) != 0) {
    *err = "llama-server not found at " + path + "; " + kBootstrapHint;
    return false;
  }
  return true;
}

} // namespace hpoc::llm
