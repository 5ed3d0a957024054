#include "runtime/runner/study_run.h"

#include "runtime/exec/ninja_executor.h"
#include "runtime/journal/journal.h"
#include "runtime/journal/study_state.h"
#include "runtime/report/report_writer.h"
#include "runtime/runner/progress.h"
#include "runtime/runner/strategy_factory.h"
#include "runtime/spec/config_canon.h"
#include "runtime/spec/study_shape.h"
#include "runtime/strategies/external_strategy.h"
#include "runtime/support/file_util.h"
#include "runtime/support/trainer_process.h"
#include "runtime/trials/trial_identity.h"
#include "runtime/trials/trial_plan.h"
#include "runtime/trials/trial_store.h"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <set>
#include <unistd.h>

namespace hpoc::rt {

namespace {

volatile std::sig_atomic_t gStop = 0;
void onStop(int) {
  gStop = 1;
}

/// Trials that fail the same way, one after another from the start, that stop a
/// study: the mistake is in the set-up, not in a configuration.
constexpr int kSameFailureLimit = 3;

/// What a failed trial's failure looks like: its status, its reason and the last
/// line of its error output.
std::string failureSignature(const TrialRecord& t) {
  const std::string& tail = t.errorTail;
  std::string first = tail.substr(0, tail.find('\n'));
  std::string last = tail;
  while (!last.empty() && last.back() == '\n')
    last.pop_back();
  last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
  return t.status + "\n" + first + "\n" + last;
}

/// When the first kSameFailureLimit trials all failed the same way, that way
/// ("failed: exit code 1 ... KeyError: 'max_dept'"); else empty.
std::string sameFailureAtStart(const std::vector<TrialRecord>& trials) {
  if (static_cast<int>(trials.size()) < kSameFailureLimit)
    return {};
  std::string signature;
  for (int i = 0; i < kSameFailureLimit; ++i) {
    const TrialRecord& t = trials[static_cast<std::size_t>(i)];
    if (t.status.empty() || t.status == "ok")
      return {};
    std::string s = failureSignature(t);
    if (i > 0 && s != signature)
      return {};
    signature = s;
  }
  std::string status = signature.substr(0, signature.find('\n'));
  std::string rest = signature.substr(status.size() + 1);
  std::string first = rest.substr(0, rest.find('\n'));
  std::string last = rest.substr(first.size() + 1);
  std::string what = status + (first.empty() ? "" : ": " + first);
  if (!last.empty() && last != first)
    what += " ... " + last;
  return what;
}

std::string isoNow() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

class StudyRun {
public:
  StudyRun(const StudySpec& spec, const RunnerOptions& o)
      : spec_(spec), o_(o), studyDir_(absolutePath(o.studyDir)), store_(studyDir_),
        hashes_(joinPath(studyDir_, "file-hashes.json")),
        printer_(spec, std::cout, [this] { return elapsed(); }) {}

  int run();

private:
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  int error(const std::string& msg, int code = kRunExitError) {
    std::cerr << "hpoc: error: " << spec_.name << ": " << msg << "\n";
    return code;
  }
  /// Prints what the strategy says the user must see now.
  void printAlerts() {
    for (const std::string& a : strategy_->takeAlerts())
      std::cout << "hpoc: warning: " << a << "\n";
    std::cout.flush();
  }
  /// Shown while a strategy call may wait on the LLM.
  WaitNotice waiting(const std::string& what) {
    return WaitNotice(std::cout, "waiting for the LLM: " + what, strategy_->mayWait(),
                      isTerminal(STDOUT_FILENO));
  }
  bool openJournal(std::string* err);
  bool record(const nlohmann::json& e, std::string* err) {
    nlohmann::json line = e;
    line["time"] = isoNow();
    if (!journal_->append(line, err))
      return false;
    tallyLlm(e, &state_.llm);
    return true;
  }
  bool planTrial(int k, std::string* err);
  /// Settles trial k from the store when it can; false when it must run.
  bool settleFromCache(int k, bool* needsRun, std::string* err);
  /// Asks the strategy to analyse finished trial k and journals its note.
  bool observe(int k, std::string* err);
  bool recordResult(int k, const nlohmann::json& result, std::string* err);
  bool runRound(const std::vector<int>& round, std::string* err);
  ReportInput reportInput() const;

  const StudySpec& spec_;
  StudySpec strategySpec_; ///< spec_ with the strategy's seed (--search-seed)
  const RunnerOptions& o_;
  std::string studyDir_;
  TrialStore store_;
  FileHashCache hashes_;
  ProgressPrinter printer_;
  std::unique_ptr<Journal> journal_;
  StudyState state_;
  TrialInputs inputs_;
  std::unique_ptr<Strategy> strategy_;
  std::string command_;
  int budget_ = 0;
  std::vector<std::string> ids_; ///< current id of trial k at k-1
  std::set<int> settled_;        ///< trials whose result this run has checked
  int ran_ = 0;                  ///< trials this run trained
  int proposed_ = 0; ///< trials this run proposed (trained, or answered by the trial cache)
  std::string stopReason_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

bool StudyRun::openJournal(std::string* err) {
  std::string path = joinPath(studyDir_, "journal.jsonl");
  std::vector<nlohmann::json> events;
  Journal::LoadInfo info;
  journal_ = Journal::open(path, &events, &info, err);
  if (!journal_)
    return false;
  if (o_.fresh && !events.empty()) {
    std::string archive = joinPath(studyDir_, "journal-" + isoNow() + ".jsonl");
    if (::rename(path.c_str(), archive.c_str()) != 0) {
      *err = "cannot archive the journal to " + archive;
      return false;
    }
    std::unique_ptr<Journal> old = std::move(journal_); // keeps the lock until the new one holds it
    events.clear();
    journal_ = Journal::open(path, &events, &info, err);
    if (!journal_)
      return false;
    std::cout << "hpoc: " << spec_.name << ": starting afresh; the old journal is " << archive
              << "\n";
  }
  if (info.droppedTail)
    std::cout << "hpoc: " << spec_.name << ": ignored the unfinished last line of the journal"
              << " (a run was killed while writing it)\n";
  writeFileAtomic(joinPath(studyDir_, "runner.pid"), std::to_string(::getpid()) + "\n", err);
  return replayJournal(events, path, &state_, err, info.eventLines);
}

bool StudyRun::planTrial(int k, std::string* err) {
  const TrialRecord& t = state_.trials[k - 1];
  const std::string& id = ids_[k - 1];
  TrialPlanContext ctx{store_.trialDir(id), o_.trainerBinary, command_, &inputs_};
  nlohmann::json plan;
  return makeTrialPlan(spec_, t.config, id, ctx, &plan, err) &&
         store_.prepare(id, plan, configFileName(spec_.trainer.config),
                        configFileText(spec_, t.config, spec_.trainer.config), err);
}

bool StudyRun::recordResult(int k, const nlohmann::json& result, std::string* err) {
  TrialRecord& t = state_.trials[k - 1];
  std::string seal = result.value("seal", "");
  bool known = t.id == result.value("id", "") && !t.status.empty() && state_.resultSeal[k] == seal;
  applyResult(result, &t);
  settled_.insert(k);
  if (known)
    return true;
  nlohmann::json e = {{"event", event::kFinished}, {"trial", k}};
  for (const char* f :
       {"id", "status", "metric", "metric_text", "reason", "seconds", "seal", "stderr_tail"})
    if (result.contains(f))
      e[f] = result[f];
  state_.resultSeal[k] = seal;
  return record(e, err);
}

bool StudyRun::observe(int k, std::string* err) {
  TrialRecord& t = state_.trials[k - 1];
  std::string folder = store_.trialDir(ids_[k - 1]);
  std::optional<TrialNote> note;
  try {
    WaitNotice w = waiting("analysing trial " + std::to_string(k));
    note = strategy_->observe(t, fileTail(joinPath(folder, trialfile::kStderr), 2000));
  } catch (const StrategyError& e) { // a strict replay's miss, say: Ninja still finishes
    printAlerts();
    *err = std::string("strategy '") + strategy_->name() + "': " + e.what();
    return false;
  }
  printAlerts();
  if (!note)
    return true;
  t.verdict = note->verdict;
  t.analysis = note->analysis;
  return record({{"event", event::kNote},
                 {"trial", k},
                 {"id", t.id},
                 {"verdict", note->verdict},
                 {"analysis", note->analysis},
                 {"details", note->details}},
                err);
}

bool StudyRun::settleFromCache(int k, bool* needsRun, std::string* err) {
  *needsRun = false;
  if (settled_.count(k))
    return true;
  nlohmann::json result;
  std::string why;
  switch (store_.lookup(ids_[k - 1], &result, &why)) {
  case TrialStore::Cached::Valid:
    if (!recordResult(k, result, err))
      return false;
    // A trial answered by the cache but not yet analysed in this journal (after
    // --fresh, say) is analysed now; the agent's response cache makes that free.
    if (state_.trials[k - 1].verdict.empty() && state_.trials[k - 1].analysis.empty() &&
        !observe(k, err))
      return false;
    printer_.trialLine(state_.trials[k - 1], state_.trials, budget_, false, ran_, 0);
    return true;
  case TrialStore::Cached::Damaged:
    std::cout << "hpoc: trial " << k << ": its cached result fails its check (" << why
              << "); running it again\n";
    if (!store_.invalidate(ids_[k - 1], err) ||
        !record(
            {{"event", event::kInvalidated}, {"trial", k}, {"id", ids_[k - 1]}, {"reason", why}},
            err))
      return false;
    break;
  case TrialStore::Cached::Missing:
    break;
  }
  state_.trials[k - 1].status.clear();
  *needsRun = true;
  return true;
}

bool StudyRun::runRound(const std::vector<int>& round, std::string* err) {
  NinjaSetup setup;
  setup.ninja = o_.ninja;
  setup.studyDir = studyDir_;
  setup.rulesFile = o_.rules.empty() ? "" : absolutePath(o_.rules);
  setup.runner = o_.self;
  setup.launcher = o_.launcher;
  setup.slurmTrial = o_.slurmTrial;
  setup.parallel = spec_.agent.parallel;
  setup.studyName = spec_.name;
  NinjaExecutor ninja(setup);
  std::vector<NinjaTrial> all, targets;
  std::map<std::string, std::vector<int>> byFolder;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    all.push_back({static_cast<int>(i + 1), store_.trialDir(ids_[i])});
  for (int k : round) {
    if (!planTrial(k, err))
      return false;
    std::string folder = store_.trialDir(ids_[k - 1]);
    if (byFolder[folder].empty())
      targets.push_back({k, folder});
    byFolder[folder].push_back(k);
  }
  std::string output, failure;
  int remaining = budget_ - static_cast<int>(settled_.size()) - static_cast<int>(round.size());
  // Lines come in trial order: a trial that finishes early waits for the ones
  // before it in this round (its result is recorded at once all the same).
  std::set<int> finished;
  std::size_t shown = 0;
  auto showFinished = [&] {
    for (; shown < round.size() && finished.count(round[shown]); ++shown) {
      int left = budget_ - static_cast<int>(settled_.size());
      printer_.trialLine(state_.trials[round[shown] - 1], state_.trials, budget_, true, ran_,
                         std::max(left, remaining));
    }
  };
  auto onFinished = [&](const std::string& folder) {
    for (int k : byFolder[folder]) {
      nlohmann::json result;
      std::string why;
      if (store_.lookup(ids_[k - 1], &result, &why) != TrialStore::Cached::Valid)
        continue; // reported below with Ninja's output
      ++ran_;
      if (!recordResult(k, result, &failure))
        return;
      if (!observe(k, &failure))
        return;
      finished.insert(k);
    }
    showFinished();
  };
  bool ran = ninja.run(all, targets, onFinished, &output, err, [] { return gStop != 0; });
  // Whatever finished behind a trial that did not is shown too.
  for (; shown < round.size(); ++shown)
    if (finished.count(round[shown]))
      printer_.trialLine(state_.trials[round[shown] - 1], state_.trials, budget_, true, ran_, 0);
  if (!ran)
    return false;
  if (!failure.empty()) {
    *err = failure;
    return false;
  }
  if (gStop)
    return true;
  for (int k : round)
    if (!settled_.count(k)) {
      *err = "trial " + std::to_string(k) + " (" + store_.trialDir(ids_[k - 1]) +
             ") produced no result; the runtime could not run it:\n" + output;
      return false;
    }
  return true;
}

ReportInput StudyRun::reportInput() const {
  ReportInput in;
  in.spec = &spec_;
  in.strategy = strategy_->name();
  for (int k = 1; k <= std::min<int>(budget_, static_cast<int>(state_.trials.size())); ++k)
    in.trials.push_back(state_.trials[k - 1]);
  in.wallSeconds = std::round(state_.recordedSeconds * 10) / 10;
  in.budget = budget_;
  int done = 0;
  for (const TrialRecord& t : in.trials)
    done += !t.status.empty();
  in.finished = done >= budget_ || !stopReason_.empty();
  in.stopReason = stopReason_;
  in.llm = state_.llm;
  return in;
}

int StudyRun::run() {
  std::string err;
  if (!makeDirs(studyDir_, &err))
    return error(err + " (is the build tree writable?)");
  if (!openJournal(&err))
    return error(err);

  // The shape check: trials recorded under another space or goal are never mixed in.
  nlohmann::json shape = studyShape(spec_);
  std::string strategyName = o_.strategy.empty() ? spec_.agent.strategy : o_.strategy;
  // The study line: what the journal's trials answer, written at the start and
  // again when the space grows.
  auto recordShape = [&] {
    if (!record({{"event", event::kStudy},
                 {"study", spec_.name},
                 {"protocol", kTrialProtocolVersion},
                 {"strategy", strategyName},
                 {"shape", shape}},
                &err))
      return false;
    state_.shape = shape;
    return true;
  };
  if (state_.shape.is_null()) {
    if (!state_.trials.empty())
      return error("the journal has trials but no study line; move it away to start afresh");
    if (!recordShape())
      return error(err);
  } else if (state_.shape != shape) {
    // A space that still holds every recorded trial (a wider range, another
    // choice) keeps them: the study goes on from what it learned.
    std::string outside;
    bool sameGoal = state_.shape.value("goal", nlohmann::json()) == shape["goal"];
    for (const TrialRecord& t : state_.trials) {
      std::string why;
      if (outside.empty() && !validateConfig(spec_, t.config, &why))
        outside =
            "  trial " + std::to_string(t.number) + " lies outside the new space: " + why + "\n";
    }
    if (!sameGoal || !outside.empty())
      return error("the " + std::string(sameGoal ? "space" : "goal") + " changed since its " +
                   std::to_string(state_.trials.size()) + " trials were recorded:\n" +
                   describeShapeChange(state_.shape, shape) + outside +
                   "  hpoc does not mix trials of different studies. Either undo the change, give\n"
                   "  the study a new name, or start it afresh (the old journal is kept aside and\n"
                   "  matching cached trials are reused):\n"
                   "    HPOC_RUNNER_ARGS=--fresh cmake --build <build> --target tune-" +
                   spec_.name + "\n  or\n    " + o_.commandLine + " --fresh");
    std::cout << "hpoc: " << spec_.name << ": the space changed; its " << state_.trials.size()
              << " trials all lie inside it and are kept:\n"
              << describeShapeChange(state_.shape, shape);
    if (!recordShape())
      return error(err);
  }
  if (!checkReplayedConfigs(spec_, state_, journal_->path(), &err))
    return error(err);

  command_ = o_.trainerCommand.empty() ? spec_.trainer.command : o_.trainerCommand;
  if (o_.trainerBinary.empty() && command_.empty())
    return error(
        spec_.trainer.target.empty()
            ? "the study names no trainer command"
            : "the runner was not given the binary of trainer target '" + spec_.trainer.target +
                  "'; run the study with `cmake --build <build> --target tune-" + spec_.name + "`");
  if (std::string notice = hashes_.load(); !notice.empty())
    std::cout << "hpoc: note: " << notice << "\n";
  if (!computeTrialInputs(spec_, o_.trainerBinary, command_, hashes_, &inputs_, &err, studyDir_,
                          o_.buildDir))
    return error(err);
  if (!hashes_.save(&err))
    return error(err);

  strategySpec_ = spec_;
  if (o_.searchSeed)
    strategySpec_.agent.seed = *o_.searchSeed;
  if (!o_.onLlmFailure.empty())
    strategySpec_.agent.onLlmFailure = o_.onLlmFailure;
  if (o_.llmTimeoutSeconds)
    strategySpec_.agent.llmTimeoutSeconds = *o_.llmTimeoutSeconds;
  if (o_.warmStart)
    strategySpec_.agent.warmStart = *o_.warmStart;
  if (o_.llmShare)
    strategySpec_.agent.llmShare = *o_.llmShare;
  StrategyChoice choice;
  if (!makeStrategy(strategySpec_,
                    {strategyName, o_.defaultFirst, o_.proposer, o_.startupTrials, o_.replay},
                    studyDir_, &choice, &err))
    return error(err);
  strategy_ = std::move(choice.strategy);
  if (!choice.notice.empty())
    std::cout << "hpoc: note: " << choice.notice << "\n";

  budget_ = o_.trials ? o_.trials : spec_.goal.trials;
  std::cout << "hpoc: study " << spec_.name << ": " << budget_ << " trials, strategy "
            << strategy_->name() << ", " << spec_.agent.parallel << " in flight; "
            << spec_.goal.metric << " is " << (spec_.goal.maximize ? "maximized" : "minimized")
            << "\n";
  std::cout.flush();

  struct sigaction sa {};
  sa.sa_handler = onStop;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(s, &sa, nullptr);

  for (;;) {
    int planned = std::min<int>(budget_, static_cast<int>(state_.trials.size()));
    while (static_cast<int>(ids_.size()) < planned) {
      const TrialRecord& t = state_.trials[ids_.size()];
      ids_.push_back(trialId(inputs_, canonicalConfig(spec_, t.config)));
    }
    std::vector<int> round;
    for (int k = 1; k <= planned; ++k) {
      bool needsRun = false;
      if (!settleFromCache(k, &needsRun, &err))
        return error(err);
      if (needsRun)
        round.push_back(k);
    }
    if (!round.empty()) {
      if (!runRound(round, &err))
        return error(err);
      if (gStop)
        break;
      continue;
    }
    if (planned >= budget_)
      break;
    if (std::string same = sameFailureAtStart(state_.trials); !same.empty()) {
      stopReason_ =
          "the first " + std::to_string(kSameFailureLimit) + " trials all failed the same way (" +
          same +
          "), so the rest of the budget was not spent; fix the trainer or the study and run again";
      break;
    }
    if (spec_.goal.studyTimeSeconds &&
        state_.recordedSeconds + elapsed() > *spec_.goal.studyTimeSeconds) {
      stopReason_ = "the study_time limit was reached";
      break;
    }
    int want = std::min(std::max(1, spec_.agent.parallel), budget_ - planned);
    std::vector<Proposal> proposals;
    try {
      WaitNotice w = waiting("proposing trial " + std::to_string(planned + 1));
      proposals = strategy_->propose(state_.trials, planned + 1, want);
    } catch (const StrategyError& e) {
      printAlerts();
      return error(std::string("strategy '") + strategy_->name() + "': " + e.what(), e.exitCode);
    }
    printAlerts();
    if (proposals.empty()) {
      stopReason_ = "the strategy found no untried configuration (the space is exhausted)";
      break;
    }
    std::set<std::string> tried;
    for (const TrialRecord& t : state_.trials)
      tried.insert(canonicalJson(canonicalConfig(spec_, t.config)));
    for (Proposal& p : proposals) {
      if (!validateConfig(spec_, p.config, &err))
        return error("strategy '" + strategy_->name() +
                     "' proposed an invalid configuration: " + err);
      Config c = canonicalConfig(spec_, p.config);
      if (!tried.insert(canonicalJson(c)).second)
        return error("strategy '" + strategy_->name() +
                     "' proposed a configuration already tried: " + canonicalJson(c));
      TrialRecord t;
      t.number = static_cast<int>(state_.trials.size()) + 1;
      t.config = c;
      t.source = p.source;
      t.rationale = p.rationale;
      nlohmann::json e = {{"event", event::kProposed},
                          {"trial", t.number},
                          {"config", c},
                          {"source", p.source},
                          {"rationale", p.rationale}};
      if (!p.details.is_null())
        e["details"] = p.details;
      if (!record(e, &err))
        return error(err);
      state_.trials.push_back(std::move(t));
      ++proposed_;
    }
  }

  // The closing analysis comes before the run's time is recorded, so the
  // report's wall time includes it. It is written when this run added trials
  // (trained, or answered by a trial cache that other studies filled) or when a
  // finished study has none yet (its run was stopped before it); a rerun of a
  // summarised study writes nothing.
  bool worked = ran_ > 0 || proposed_ > 0;
  if (!gStop && (worked || !state_.summary) && reportInput().finished) {
    std::optional<StudySummary> closing;
    {
      WaitNotice w = waiting("writing the closing analysis");
      closing = strategy_->summarise(reportInput().trials);
    }
    printAlerts();
    if (auto& sum = closing) {
      nlohmann::json influence = nlohmann::json::array();
      for (const auto& [param, effect] : sum->influence)
        influence.push_back({param, effect});
      nlohmann::json e = {{"event", event::kSummary},
                          {"summary", sum->summary},
                          {"influence", influence},
                          {"next", sum->next}};
      if (!sum->details.is_null())
        e["details"] = sum->details;
      if (!record(e, &err))
        return error(err);
      state_.summary = std::move(sum);
      worked = true;
    }
  }
  if (worked) {
    double seconds = std::round(elapsed() * 10) / 10;
    state_.recordedSeconds += seconds;
    if (!record({{"event", event::kRun}, {"seconds", seconds}, {"trials_run", ran_}}, &err))
      return error(err);
  }
  ReportInput in = reportInput();
  if (gStop) {
    std::cout << "hpoc: " << spec_.name
              << ": interrupted; run again to resume (finished trials are kept)\n";
    return kRunExitInterrupted;
  }
  in.summary = state_.summary;
  in.llm = state_.llm; // the summary's own exchange counts too
  if (!writeReports(in, studyDir_, &err))
    return error(err);
  printSummary(in, studyDir_, std::cout);
  int done = 0;
  for (const TrialRecord& t : in.trials)
    done += !t.status.empty();
  if (done > 0 && !bestTrialIndex(spec_, in.trials))
    return error("no trial succeeded: every one of the " + std::to_string(done) +
                     " trials failed; see the reasons above and in " +
                     joinPath(studyDir_, "report.md"),
                 kRunExitNoSuccess);
  return kRunExitOk;
}

} // namespace

int runStudy(const StudySpec& spec, const RunnerOptions& options) {
  try {
    return StudyRun(spec, options).run();
  } catch (const StrategyError& e) { // the closing analysis of a strict replay, say
    std::cerr << "hpoc: error: " << spec.name << ": " << e.what() << "\n";
    return 1;
  }
}

} // namespace hpoc::rt
