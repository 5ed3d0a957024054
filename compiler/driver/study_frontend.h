// Reads, parses and checks a study file: everything a driver command needs
// before it generates or inspects anything.
#pragma once

#include "compiler/sema/study_checker.h"
#include "dsl/ast.h"
#include "dsl/diagnostics.h"

#include <memory>
#include <string>

namespace hpoc::driver {

/// The result of the front end. Owns the source text the AST and diagnostics point into.
struct Frontend {
  dsl::SourceManager sources;
  dsl::DiagnosticEngine diags{sources};
  dsl::StudyFile file;
  std::uint32_t fileId = 0;
  bool ok = false; ///< no errors in reading, parsing and checking
};

/// Loads `path`, parses it and, when it parsed cleanly, checks it.
std::unique_ptr<Frontend> runFrontend(const std::string& path,
                                      const sema::CheckOptions& options = {});

} // namespace hpoc::driver
