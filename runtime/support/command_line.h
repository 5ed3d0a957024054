// Expands the {placeholders} of a trainer's command line into a /bin/sh command,
// quoting each value for the place it lands (bare, in '...', or in "...").
#pragma once

#include <map>
#include <string>

namespace hpoc::rt {

/// Replaces {name} by values[name]. False with `err` for an unknown name or an
/// unclosed brace. `{{` and `}}` stand for literal braces.
bool expandCommand(const std::string& templ, const std::map<std::string, std::string>& values,
                   std::string* out, std::string* err);

/// `s` quoted for a POSIX shell when it needs it ("a b" -> 'a b').
std::string shellQuote(const std::string& s);

} // namespace hpoc::rt
