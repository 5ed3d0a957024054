// The shape of a study: what its recorded trials mean. Two runs may share one
// journal only when their shapes are equal; a changed space or goal is refused
// (see docs/files.md) rather than mixing trials that answer different questions.
#pragma once

#include "runtime/spec/study_spec.h"

#include <string>

namespace hpoc::rt {

/// The space (names, kinds, bounds, scales, choices, conditions) and the goal's
/// metric and direction. Descriptions, defaults, the budget and limits are left
/// out: changing them does not change what a recorded trial means.
nlohmann::json studyShape(const StudySpec& spec);

/// One line per difference between a recorded shape and the current one, e.g.
/// "parameter 'lr' changed: {...} -> {...}". Empty when they are equal.
std::string describeShapeChange(const nlohmann::json& recorded, const nlohmann::json& current);

} // namespace hpoc::rt
