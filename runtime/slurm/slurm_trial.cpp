#include "runtime/slurm/slurm_trial.h"

#include "runtime/slurm/attempt_verdict.h"
#include "runtime/slurm/job_state.h"
#include "runtime/slurm/staging_area.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_store.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace hpoc::rt::slurm {

namespace {

volatile std::sig_atomic_t gStop = 0;
void onStopSignal(int) {
  gStop = 1;
}

void installStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = onStopSignal;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(s, &sa, nullptr);
}

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Sleeps up to `seconds`, less when a stop is asked for.
void pause(double seconds) {
  auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (!gStop && Clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

std::string hostName() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  return buf;
}

/// srun's last words (its own error lines), on one line.
std::string srunTail(const std::string& log) {
  std::string tail = fileTail(log, 400);
  for (char& c : tail)
    if (c == '\n')
      c = ' ';
  while (!tail.empty() && tail.back() == ' ')
    tail.pop_back();
  return tail;
}

struct Launch {
  pid_t pid = -1;
  std::string jobId;
  bool interrupted = false;
  int exit = -1;
  std::string startError;
};

void cancelJob(const std::string& jobId, const std::string& name) {
  std::string out;
  if (!jobId.empty())
    runCaptured({"scancel", jobId}, &out);
  runCaptured({"scancel", "--name=" + name}, &out);
}

/// Starts srun and waits for it, learning the job's id from the job itself once
/// it runs, and cancelling the job (by name: it may still be pending) when a
/// stop is asked for. Nothing here polls the controller, which must serve a
/// thousand trials in flight.
Launch launchAndWait(const std::vector<std::string>& argv, const std::string& name,
                     const std::string& logPath, const std::string& idFile, bool ownJob) {
  Launch l;
  l.pid = ::fork();
  if (l.pid < 0) {
    l.startError = std::string("fork: ") + std::strerror(errno);
    return l;
  }
  if (l.pid == 0) {
    int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::string msg = "cannot run srun: " + std::string(std::strerror(errno)) + "\n";
    (void)!::write(2, msg.data(), msg.size());
    ::_exit(127);
  }
  auto lastPoll = Clock::now() - std::chrono::seconds(1);
  int status = 0;
  for (;;) {
    pid_t w = ::waitpid(l.pid, &status, WNOHANG);
    if (w == l.pid)
      break;
    if (gStop && !l.interrupted) {
      l.interrupted = true;
      ::kill(l.pid, SIGINT); // with --quit-on-interrupt srun ends the step at once
      if (ownJob)            // a step's id is its allocation's, which is not ours to cancel
        cancelJob(l.jobId, name);
    }
    if (l.jobId.empty() && !l.interrupted && secondsSince(lastPoll) >= 1) {
      lastPoll = Clock::now();
      std::string text, ignored;
      if (readFile(idFile, &text, &ignored, 64))
        l.jobId = text.substr(0, text.find('\n'));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  l.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (l.exit == 127 && fileTail(logPath, 200).find("cannot run srun") != std::string::npos)
    l.startError = srunTail(logPath);
  std::string text, ignored;
  if (readFile(idFile, &text, &ignored, 64) && !text.empty())
    l.jobId = text.substr(0, text.find('\n'));
  if (l.interrupted && ownJob)
    cancelJob(l.jobId, name);
  return l;
}

/// The job's final state, asked until the controller gives one (it may be
/// restarting, or still completing the job) or about 20 s have passed.
JobState finalState(const std::string& jobId, std::string* err) {
  if (jobId.empty()) {
    *err = "no job id: the job never started";
    return {};
  }
  JobState s;
  for (int i = 0; i < 40 && !gStop; ++i) {
    err->clear();
    s = queryJob(jobId, err);
    if (s.known && isFinalState(s.state))
      return s;
    pause(0.5);
  }
  if (s.known)
    *err = "the job is still " + s.state;
  return {};
}

struct Attempt {
  AttemptVerdict verdict;
  std::string jobId;
  std::string state;
  double seconds = 0;
};

Attempt runAttempt(const SlurmRequest& r, const std::string& id, const std::string& staging,
                   const std::string& jobName) {
  Attempt a;
  auto start = Clock::now();
  std::string err;
  if (!stageTrial(r.trialDir, staging, &err)) {
    a.verdict = {Verdict::ClusterFailure, "cannot stage the trial: " + err};
    return a;
  }
  std::vector<std::string> command = r.trialCommand;
  command.back() = staging;
  std::vector<std::string> program = {
      "/bin/sh", "-c", "printf '%s\\n' \"$SLURM_JOB_ID\" > \"$0/slurm-job\"; exec \"$@\"", staging};
  program.insert(program.end(), command.begin(), command.end());
  // Inside an allocation each trial is a step; the state Slurm keeps is the
  // allocation's, which runs on, so srun's status and the seal decide alone.
  bool insideAllocation = std::getenv("SLURM_JOB_ID") != nullptr;
  auto argv = srunArguments(r, jobName, program, exportedEnvironment(environ), insideAllocation);
  std::string log = joinPath(staging, "srun.log");
  Launch l = launchAndWait(argv, jobName, log, joinPath(staging, "slurm-job"), !insideAllocation);

  AttemptFacts f;
  f.interrupted = l.interrupted || gStop;
  f.srunStarted = l.startError.empty();
  f.srunExit = l.exit;
  f.srunTail = l.startError.empty() ? srunTail(log) : l.startError;
  nlohmann::json result;
  f.resultValid = checkSealedResult(staging, id, &result, &f.resultProblem, &f.resultMissing);
  if (!f.interrupted && f.srunStarted)
    f.job = insideAllocation ? JobState{} : finalState(l.jobId, &f.jobQueryError);
  if (insideAllocation)
    f.jobQueryError = "a step of allocation " + l.jobId;
  a.verdict = judgeAttempt(f);
  a.jobId = l.jobId;
  a.state = f.job.state;
  a.seconds = secondsSince(start);
  return a;
}

/// Publishes an attempt the verdict accepts; a failure to publish turns it into
/// a cluster failure (the shared file system let us down).
void publish(Attempt& a, const std::string& staging, const std::string& trialDir, int timeMinutes) {
  std::string err;
  bool ok = true;
  if (a.verdict.verdict == Verdict::TrialTimeout)
    ok = writeStoppedResult(
        staging, "timeout",
        "reached the Slurm time limit of " + std::to_string(timeMinutes) + " min", a.seconds, &err);
  else if (a.verdict.verdict == Verdict::TrialOutOfMemory)
    ok = writeStoppedResult(staging, "failed", "went past its Slurm memory limit", a.seconds, &err);
  if (ok)
    ok = publishStaged(staging, trialDir, &err);
  if (!ok)
    a.verdict = {Verdict::ClusterFailure, "cannot publish the result: " + err};
}

void recordAttempt(const std::string& trialDir, int attempt, int of, const Attempt& a) {
  nlohmann::json line = {{"attempt", attempt},
                         {"of", of},
                         {"verdict", verdictName(a.verdict.verdict)},
                         {"reason", a.verdict.reason},
                         {"job", a.jobId},
                         {"state", a.state},
                         {"host", hostName()},
                         {"seconds", std::round(a.seconds * 10) / 10}};
  std::string text = line.dump() + "\n";
  int fd = ::open(joinPath(trialDir, "attempts.jsonl").c_str(),
                  O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  (void)!::write(fd, text.data(), text.size());
  ::close(fd);
}

/// One build at a time runs a given trial: a second build of the same study
/// waits here and then finds the result published.
int lockTrial(const std::string& trialDir, std::string* err) {
  int fd = ::open(joinPath(trialDir, ".slurm-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot open the trial's lock: " + std::string(std::strerror(errno));
    return -1;
  }
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR || gStop) {
      *err = errno == EINTR ? "interrupted" : std::string(std::strerror(errno));
      ::close(fd);
      return -1;
    }
  }
  return fd;
}

} // namespace

int runSlurmTrial(const SlurmRequest& r) {
  installStopHandlers();
  ::prctl(PR_SET_PDEATHSIG, SIGTERM); // Ninja gone: cancel the job
  std::string id, err;
  auto fail = [&](const std::string& msg, int code) {
    std::cerr << "hpoc-slurm-trial: " << r.trialDir << ": " << msg << "\n";
    return code;
  };
  if (!trialId(r.trialDir, &id, &err))
    return fail(err, kExitUsage);
  int lock = lockTrial(r.trialDir, &err);
  if (lock < 0)
    return fail(err, gStop ? kExitInterrupted : kExitInfrastructure);
  nlohmann::json published;
  std::string why;
  bool missing = false;
  if (checkSealedResult(r.trialDir, id, &published, &why, &missing))
    return 0; // another build of this study published it while we waited
  if (!missing && !removeFile(joinPath(r.trialDir, trialfile::kResult), &err))
    return fail(err, kExitInfrastructure);

  std::string tag = hostName() + "." + std::to_string(::getpid());
  std::string folder = trialFolderName(id);
  int attempts = r.retries + 1;
  std::string reasons;
  for (int k = 1; k <= attempts; ++k) {
    std::string staging = stagingFolder(r.trialDir, tag, k);
    std::string jobName =
        "hpoc-" + folder + "-" + std::to_string(::getpid()) + "-" + std::to_string(k);
    Attempt a = runAttempt(r, id, staging, jobName);
    Verdict v = a.verdict.verdict;
    if (v == Verdict::Publish || v == Verdict::TrialTimeout || v == Verdict::TrialOutOfMemory)
      publish(a, staging, r.trialDir, r.timeMinutes);
    recordAttempt(r.trialDir, k, attempts, a);
    removeStaging(staging);
    switch (a.verdict.verdict) {
    case Verdict::Publish:
    case Verdict::TrialTimeout:
    case Verdict::TrialOutOfMemory:
      return 0;
    case Verdict::Interrupted:
      return fail(a.verdict.reason, kExitInterrupted);
    case Verdict::ClusterFailure:
      break;
    }
    reasons += "\n  attempt " + std::to_string(k) + ": " + a.verdict.reason;
    if (k < attempts) {
      std::cerr << "hpoc-slurm-trial: trial " << folder << ": cluster failure (attempt " << k
                << " of " << attempts << "): " << a.verdict.reason << "; trying again\n";
      pause(r.retryDelaySeconds * k);
      if (gStop)
        return fail("interrupted before attempt " + std::to_string(k + 1), kExitInterrupted);
    }
  }
  return fail("infrastructure failure: the cluster failed every one of " +
                  std::to_string(attempts) + " attempts; nothing was cached:" + reasons,
              kExitInfrastructure);
}

} // namespace hpoc::rt::slurm
