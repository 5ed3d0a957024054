// The entry point of every generated study runner.
#pragma once

#include "runtime/spec/study_spec.h"

namespace hpoc::rt {

/// Runs (or resumes, or replays from cache) the study `spec`. The command line is
/// the one hpoc_add_study() gives the runner; `--help` lists it. Returns the
/// process exit code.
/// An exception that escapes is caught here and reported as one line,
/// `hpoc: <study>: internal error: ...`, with status 70 (runtime/support/top_level.h).
int runnerMain(const StudySpec& spec, int argc, char** argv);

} // namespace hpoc::rt
