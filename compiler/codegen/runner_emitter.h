// Generates the C++ runner of one study: a function that builds its StudySpec
// and a main() that hands it to the runtime.
#pragma once

#include "dsl/ast.h"

#include <string>

namespace hpoc::codegen {

struct EmitContext {
  std::string sourcePath; ///< the .hpo file, absolute and normalised
  std::string version;    ///< hpoc's version, for the header
};

/// Returns the runner's source. The study must have passed the checker.
/// Same study and context give the same bytes.
std::string emitRunner(const dsl::Study& study, const EmitContext& ctx);

/// Returns the Ninja fragment (pool and trial rule) the runner's manifests include.
std::string emitNinjaRules(const dsl::Study& study, const EmitContext& ctx);

} // namespace hpoc::codegen
