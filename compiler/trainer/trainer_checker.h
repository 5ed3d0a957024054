// Checks a study's space against the trainer's hyperparameter struct: every
// parameter has a field of a type that can hold its values, every field is
// searched or has a default, and the trainer's defaults lie in the space.
#pragma once

#include "compiler/trainer/hparams_info.h"
#include "compiler/trainer/trainer_source_map.h"
#include "dsl/ast.h"
#include "dsl/diagnostics.h"

#include <string>

namespace hpoc::trainer {

/// Which fields a parameter may be stored in (docs/trainer-reader.md has the table):
///   float -> floating; int -> integer or floating; bool -> bool;
///   categorical/ordinal of words -> enum (each value an enumerator) or std::string;
///   of integers -> integer or floating; of other numbers -> floating;
///   of true/false -> bool; of words and numbers mixed -> std::string.
/// Returns "" when `p` fits `f`, else what `p` needs ("a floating-point field").
std::string fieldNeeds(const dsl::Param& p, const HparamField& f);

/// Reports every disagreement between `study` and `hparams` to `diags`: errors
/// point into the study and carry a note at the field (or struct) in the trainer.
/// Returns true when it found no errors (warnings allowed).
bool checkStudyAgainstTrainer(const dsl::Study& study, const HparamsStruct& hparams,
                              TrainerSourceMap& where, dsl::DiagnosticEngine& diags);

} // namespace hpoc::trainer
