// Semantic checks of a parsed study file: names, types, ranges, conditions, and
// that a study says what to optimise and how to train.
#pragma once

#include "dsl/ast.h"
#include "dsl/diagnostics.h"
#include "dsl/name_suggester.h"

#include <string>

namespace hpoc::sema {

/// Things the checker may look at outside the file.
struct CheckOptions {
  /// Warn when a dataset path or a trainer dependency does not exist.
  bool checkPaths = true;
};

/// Reports every problem of `file` to `diags`. Returns true when there are no errors
/// (warnings allowed). Never prints.
bool checkStudyFile(const dsl::StudyFile& file, const dsl::SourceManager& sm,
                    dsl::DiagnosticEngine& diags, const CheckOptions& options = {});

/// The placeholders a trainer's command line may use.
bool isKnownPlaceholder(std::string_view name);

/// The closest of `candidates` to `name` within a small edit distance, or "".
using dsl::closestName;

} // namespace hpoc::sema
