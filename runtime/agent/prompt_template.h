// The agent's prompt templates: text files under runtime/agent/prompts/, compiled
// into the runtime, with {{name}} placeholders.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace hpoc::agent {

/// The template `name` (a file name without .txt). Aborts on an unknown name: the
/// set of templates is fixed at build time.
std::string_view promptTemplate(std::string_view name);

/// Replaces each {{key}} of `tmpl` by vars[key]. A placeholder without a value is
/// a programming error and aborts, so that no prompt ever carries a raw {{key}}.
std::string renderTemplate(std::string_view tmpl, const std::map<std::string, std::string>& vars);

/// Wraps program output (a training log, an earlier analysis) for a prompt: cut to
/// `maxBytes`, with the delimiters the system prompts name, and with any copy of
/// those delimiters inside the text defused, so the text cannot close its frame.
std::string untrustedBlock(std::string_view text, std::size_t maxBytes);

/// `text` made safe to sit inside an untrusted block, without the frame: used for
/// one-line data such as a trial's analysis in a table.
std::string defuse(std::string_view text, std::size_t maxBytes);

} // namespace hpoc::agent
