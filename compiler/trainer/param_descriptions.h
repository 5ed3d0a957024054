// The trainer's doc comments as the descriptions of a study's parameters, so a
// description is written once, next to the field, and still reaches the
// Creator's prompt.
#pragma once

#include "compiler/trainer/hparams_info.h"
#include "dsl/ast.h"

#include <cstddef>

namespace hpoc::trainer {

/// Gives every parameter of `study` without a description the doc comment of
/// its field in `hparams` (a description the study writes always wins). A
/// filled description's range is the parameter's name, so it counts as given.
/// Returns how many descriptions were filled.
std::size_t fillMissingDescriptions(dsl::Study& study, const HparamsStruct& hparams);

} // namespace hpoc::trainer
