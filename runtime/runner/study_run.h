// One run of a study: lock and replay its journal, check that the study still
// has the shape its trials were recorded under, settle every proposed trial from
// the cache or by running it through Ninja, ask the strategy for more until the
// budget is spent, and write the report.
#pragma once

#include "runtime/runner/runner_options.h"
#include "runtime/spec/study_spec.h"

namespace hpoc::rt {

/// Returns the process exit code: 0 when the study is complete (failed trials
/// included), 1 on an error (printed), 130 when interrupted.
int runStudy(const StudySpec& spec, const RunnerOptions& options);

} // namespace hpoc::rt
