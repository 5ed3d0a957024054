// Read access to environment variables, injectable so that tests never depend on
// the caller's shell.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hpoc::llm {

/// Looks up one environment variable; an unset or empty variable is std::nullopt.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (getenv).
EnvLookup processEnvironment();

/// The hpoc cache root: HPOC_CACHE_DIR, else $HOME/.cache/hpoc. Empty when
/// neither HPOC_CACHE_DIR nor HOME is set.
std::string cacheDirectory(const EnvLookup& env);

} // namespace hpoc::llm
