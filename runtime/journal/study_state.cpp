#include "runtime/journal/study_state.h"

#include "runtime/spec/config_canon.h"

namespace hpoc::rt {

void applyResult(const nlohmann::json& r, TrialRecord* t) {
  t->id = r.value("id", t->id);
  t->status = r.value("status", "failed");
  t->metric.reset();
  if (r.contains("metric") && r["metric"].is_number())
    t->metric = r["metric"].get<double>();
  t->seconds = r.value("seconds", 0.0);
  std::string reason = r.value("reason", "");
  std::string tail = r.value("stderr_tail", "");
  t->errorTail = reason.empty() ? tail : tail.empty() ? reason : reason + "\n" + tail;
}

void tallyLlm(const nlohmann::json& e, LlmTally* t) {
  auto details = e.find("details");
  if (details == e.end() || !details->is_object())
    return;
  if (auto check = details->find("explanation_check");
      check != details->end() && check->is_object()) {
    ++t->checkedTexts;
    t->replacedTexts += !check->value("passed", true);
  }
  auto llm = details->find("llm");
  if (llm == details->end() || !llm->is_array())
    return;
  for (const nlohmann::json& x : *llm) {
    if (!x.is_object())
      continue;
    bool cached = x.value("cached", false);
    if (!cached && !x.value("ok", false)) {
      ++t->failedCalls;
      continue;
    }
    // A cached answer still came from its model: a replay names the same one.
    if (x.contains("model") && x["model"].is_string())
      t->models.insert(x["model"].get<std::string>());
    if (!x.value("local", false))
      t->allLocal = false;
    if (cached) {
      ++t->cachedCalls;
      continue;
    }
    ++t->calls;
    t->promptTokens += x.value("prompt_tokens", 0LL);
    t->completionTokens += x.value("completion_tokens", 0LL);
    t->seconds += x.value("seconds", 0.0);
  }
}

bool replayJournal(const std::vector<nlohmann::json>& events, const std::string& path,
                   StudyState* s, std::string* err, const std::vector<int>& lines) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const nlohmann::json& e = events[i];
    const std::string type = e.value("event", "");
    std::string where =
        i < lines.size() ? "line " + std::to_string(lines[i]) : "event " + std::to_string(i + 1);
    auto bad = [&](const std::string& why) {
      *err = path + ": " + where + " (" + type + "): " + why;
      return false;
    };
    int k = e.value("trial", 0);
    tallyLlm(e, &s->llm);
    if (type == event::kStudy) {
      s->shape = e.value("shape", nlohmann::json());
      s->strategyAtStart = e.value("strategy", "");
    } else if (type == event::kProposed) {
      if (k != static_cast<int>(s->trials.size()) + 1)
        return bad("trial " + std::to_string(k) + " proposed, but " +
                   std::to_string(s->trials.size()) + " trials precede it");
      TrialRecord t;
      t.number = k;
      t.config = e.value("config", Config::object());
      t.source = e.value("source", "");
      t.rationale = e.value("rationale", "");
      s->trials.push_back(std::move(t));
      s->proposedAt.push_back(where);
    } else if (type == event::kFinished || type == event::kInvalidated || type == event::kNote) {
      if (k < 1 || k > static_cast<int>(s->trials.size()))
        return bad("trial " + std::to_string(k) + " was never proposed");
      TrialRecord& t = s->trials[k - 1];
      if (type == event::kFinished) {
        applyResult(e, &t);
        s->resultSeal[k] = e.value("seal", "");
      } else if (type == event::kInvalidated) {
        if (t.id == e.value("id", "")) {
          t.status.clear();
          t.metric.reset();
          s->resultSeal.erase(k);
        }
      } else {
        t.verdict = e.value("verdict", "");
        t.analysis = e.value("analysis", "");
      }
    } else if (type == event::kSummary) {
      StudySummary sum;
      sum.summary = e.value("summary", "");
      for (const auto& p : e.value("influence", nlohmann::json::array()))
        if (p.is_array() && p.size() == 2)
          sum.influence.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
      sum.next = e.value("next", std::vector<std::string>());
      s->summary = std::move(sum);
    } else if (type == event::kRun) {
      s->recordedSeconds += e.value("seconds", 0.0);
    }
    // Unknown events (from a newer hpoc) are kept in the file and skipped here.
  }
  return true;
}

bool checkReplayedConfigs(const StudySpec& spec, const StudyState& state, const std::string& path,
                          std::string* err) {
  for (const TrialRecord& t : state.trials) {
    std::string why;
    if (validateConfig(spec, t.config, &why))
      continue;
    std::size_t k = static_cast<std::size_t>(t.number);
    std::string where = k >= 1 && k <= state.proposedAt.size() ? state.proposedAt[k - 1]
                                                               : "trial " + std::to_string(k);
    *err = path + ": " + where + ": trial " + std::to_string(t.number) +
           " was proposed with a configuration outside the study's space: " + why +
           ".\n  The journal was edited or damaged; nothing was changed. Repair the line, or move"
           " the journal away to start the study afresh.";
    return false;
  }
  return true;
}

} // namespace hpoc::rt
