#include "runtime/trials/trial_record.h"

namespace hpoc::rt {

std::optional<std::size_t> bestTrialIndex(const StudySpec& spec,
                                          const std::vector<TrialRecord>& trials) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const TrialRecord& t = trials[i];
    if (t.status != "ok" || !t.metric)
      continue;
    if (!best || (spec.goal.maximize ? *t.metric > *trials[*best].metric
                                     : *t.metric < *trials[*best].metric))
      best = i;
  }
  return best;
}

} // namespace hpoc::rt
