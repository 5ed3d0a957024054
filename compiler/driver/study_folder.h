// A study folder as its journal tells it, read without locking or repairing
// anything: for `hpoc show` and `hpoc compare`.
#pragma once

#include "runtime/journal/study_state.h"

#include <optional>
#include <string>

namespace hpoc::driver {

struct StudyFolder {
  std::string study, strategy, metric;
  bool maximize = true;
  rt::StudyState state;
  std::optional<std::size_t> best; ///< index of the best successful trial
};

/// Reads `dir`/journal.jsonl. False with `err` when there is none or it is damaged.
bool loadStudyFolder(const std::string& dir, StudyFolder* folder, std::string* err);

/// "%.6g", as hpoc prints metrics.
std::string metricText(double v);

} // namespace hpoc::driver
