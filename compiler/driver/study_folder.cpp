#include "compiler/driver/study_folder.h"

#include "runtime/journal/journal.h"
#include "runtime/support/file_util.h"

#include <cmath>
#include <cstdio>

namespace hpoc::driver {

std::string metricText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool loadStudyFolder(const std::string& dir, StudyFolder* s, std::string* err) {
  std::string path = rt::joinPath(dir, "journal.jsonl"), text;
  if (!rt::readFile(path, &text, err)) {
    *err = "no study journal in " + dir + " (" + *err + ")";
    return false;
  }
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  rt::Journal::LoadInfo info;
  if (!rt::parseJournal(text, path, &events, &valid, &info, err) ||
      !rt::replayJournal(events, path, &s->state, err, info.eventLines))
    return false;
  for (const nlohmann::json& e : events)
    if (e.value("event", "") == rt::event::kStudy)
      s->study = e.value("study", "");
  s->strategy = s->state.strategyAtStart;
  nlohmann::json goal = s->state.shape.value("goal", nlohmann::json::object());
  s->metric = goal.value("metric", "metric");
  s->maximize = goal.value("maximize", true);
  for (std::size_t i = 0; i < s->state.trials.size(); ++i) {
    const rt::TrialRecord& t = s->state.trials[i];
    if (t.status != "ok" || !t.metric || !std::isfinite(*t.metric))
      continue;
    const std::optional<double>& b = s->best ? s->state.trials[*s->best].metric : std::nullopt;
    if (!b || (s->maximize ? *t.metric > *b : *t.metric < *b))
      s->best = i;
  }
  return true;
}

} // namespace hpoc::driver
