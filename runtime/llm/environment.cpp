#include "runtime/llm/environment.h"

#include <cstdlib>

namespace hpoc::llm {

EnvLookup processEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0')
      return std::nullopt;
    return std::string(value);
  };
}

std::string cacheDirectory(const EnvLookup& env) {
  if (auto dir = env("HPOC_CACHE_DIR"))
    return *dir;
  if (auto home = env("HOME"))
    return *home + "/.cache/hpoc";
  return {};
}

} // namespace hpoc::llm
