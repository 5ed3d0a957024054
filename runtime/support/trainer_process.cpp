#include "runtime/support/trainer_process.h"

#include "runtime/support/descriptors.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace hpoc::rt {

namespace {

volatile std::sig_atomic_t gInterrupted = 0;

void onInterrupt(int) {
  gInterrupted = 1;
}

[[noreturn]] void childFail(int fd, const char* what) {
  std::string msg = std::string(what) + ": " + std::strerror(errno) + "\n";
  if (fd >= 0)
    (void)!::write(fd, msg.data(), msg.size());
  ::_exit(127);
}

} // namespace

void installInterruptHandlers() {
  struct sigaction sa {};
  sa.sa_handler = onInterrupt;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(s, &sa, nullptr);
}

TrainerExit runTrainer(const TrainerLaunch& launch) {
  TrainerExit result;
  int out = ::open(launch.stdoutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = ::open(launch.stderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0 || err < 0) {
    result.error = "cannot create the trial's logs: " + std::string(std::strerror(errno));
    if (out >= 0)
      ::close(out);
    if (err >= 0)
      ::close(err);
    return result;
  }
  pid_t parent = ::getpid();
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid < 0) {
    result.error = "fork failed: " + std::string(std::strerror(errno));
    ::close(out), ::close(err);
    return result;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
      ::_exit(127);
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
      ::sigaction(s, &sa, nullptr);
    int in = ::open("/dev/null", O_RDONLY);
    if (in < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
      childFail(err, "cannot redirect the trainer's output");
    // The trainer gets these three and nothing else the runner inherited: a
    // build tool's output pipe, kept open by a process the trainer leaves
    // behind, would keep `cmake --build` waiting after the study ended.
    closeOnExecFrom(3);
    if (!launch.workdir.empty() && ::chdir(launch.workdir.c_str()) != 0)
      childFail(2, ("cannot enter " + launch.workdir).c_str());
    for (const auto& [k, v] : launch.env)
      ::setenv(k.c_str(), v.c_str(), 1);
    ::execl("/bin/sh", "sh", "-c", launch.command.c_str(), static_cast<char*>(nullptr));
    childFail(2, "cannot run /bin/sh");
  }
  ::setpgid(pid, pid);
  ::close(out), ::close(err);
  result.started = true;

  using Clock = std::chrono::steady_clock;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::optional<Clock::time_point> killAt; // when SIGKILL follows the SIGTERM
  auto sleepFor = std::chrono::microseconds(500);
  int status = 0;
  struct rusage usage {};
  for (;;) {
    pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
    if (r == pid)
      break;
    if (r < 0 && errno != EINTR) {
      result.error = "waiting for the trainer failed: " + std::string(std::strerror(errno));
      break;
    }
    if (!killAt &&
        (gInterrupted || (launch.timeoutSeconds > 0 && elapsed() > launch.timeoutSeconds))) {
      (gInterrupted ? result.interrupted : result.timedOut) = true;
      ::kill(-pid, SIGTERM);
      killAt = Clock::now() +
               std::chrono::duration_cast<Clock::duration>(
                   std::chrono::duration<double>(gInterrupted ? 0.5 : launch.graceSeconds));
    }
    if (killAt && Clock::now() >= *killAt)
      ::kill(-pid, SIGKILL);
    std::this_thread::sleep_for(sleepFor);
    sleepFor = std::min(sleepFor * 2, std::chrono::microseconds(20000));
  }
  ::kill(-pid, SIGKILL); // whatever the trainer left running in its group
  result.seconds = elapsed();
  result.peakRssBytes = static_cast<long long>(usage.ru_maxrss) * 1024;
  if (WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  return result;
}

} // namespace hpoc::rt
