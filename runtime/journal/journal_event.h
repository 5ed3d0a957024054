// The typed shape of each journal event: which fields an event of each kind may
// carry and of what JSON type. The journal reader checks every line against it,
// so that replaying a journal never meets a value of the wrong type: a damaged
// line is reported with its line number instead of stopping the runner.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::rt {

/// True when `event` is an object with a string `event` name and, for the kinds
/// this hpoc knows (docs/files.md), every known field of the expected type.
/// Unknown kinds (from a newer hpoc) and unknown fields pass. False with a
/// one-line reason naming the field otherwise.
bool checkJournalEvent(const nlohmann::json& event, std::string* why);

} // namespace hpoc::rt
