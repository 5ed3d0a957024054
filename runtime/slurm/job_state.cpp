#include "runtime/slurm/job_state.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hpoc::rt::slurm {

namespace {

/// The value of `key=` in scontrol's one-line form, up to the next space (the
/// fields read here hold none).
std::string field(const std::string& text, const std::string& key) {
  std::size_t p = 0;
  while ((p = text.find(key + "=", p)) != std::string::npos) {
    if (p == 0 || text[p - 1] == ' ' || text[p - 1] == '\n') {
      std::size_t b = p + key.size() + 1;
      std::size_t e = text.find_first_of(" \n", b);
      return text.substr(b, e == std::string::npos ? std::string::npos : e - b);
    }
    p += key.size();
  }
  return "";
}

bool accountingEnabled() {
  static int enabled = -1;
  if (enabled < 0) {
    std::string out;
    if (runCaptured({"scontrol", "show", "config"}, &out) != 0)
      return false; // ask again later: the controller may be back
    enabled = out.find("accounting_storage/none") == std::string::npos &&
              out.find("AccountingStorageType") != std::string::npos;
  }
  return enabled == 1;
}

} // namespace

JobState parseScontrolJob(const std::string& text) {
  JobState s;
  s.state = field(text, "JobState");
  s.known = !s.state.empty();
  s.reason = field(text, "Reason");
  s.nodes = field(text, "NodeList");
  s.exitCode = field(text, "ExitCode");
  return s;
}

JobState parseSacct(const std::string& text) {
  JobState s;
  std::string line = text.substr(0, text.find('\n'));
  std::size_t a = line.find('|');
  if (line.empty() || a == std::string::npos)
    return s;
  std::size_t b = line.find('|', a + 1);
  std::string state = line.substr(0, a);
  std::size_t space = state.find(' '); // "CANCELLED by 0"
  s.state = state.substr(0, space);
  if (space != std::string::npos)
    s.reason = state.substr(space + 1);
  s.exitCode = line.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos)
    s.nodes = line.substr(b + 1);
  s.known = !s.state.empty();
  return s;
}

bool isFinalState(const std::string& state) {
  static const char* kFinal[] = {"COMPLETED", "FAILED",    "CANCELLED", "TIMEOUT",      "NODE_FAIL",
                                 "PREEMPTED", "BOOT_FAIL", "DEADLINE",  "OUT_OF_MEMORY"};
  for (const char* f : kFinal)
    if (state == f)
      return true;
  return false;
}

int runCaptured(const std::vector<std::string>& argv, std::string* output) {
  output->clear();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return -1;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    output->append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

JobState queryJob(const std::string& jobId, std::string* err) {
  std::string out;
  if (accountingEnabled()) {
    if (runCaptured({"sacct", "-j", jobId, "-X", "-n", "-P", "-o", "State,ExitCode,NodeList"},
                    &out) == 0) {
      JobState s = parseSacct(out);
      if (s.known)
        return s;
    }
  }
  int rc = runCaptured({"scontrol", "show", "job", "-o", jobId}, &out);
  JobState s = rc == 0 ? parseScontrolJob(out) : JobState{};
  if (!s.known)
    *err = out.empty() ? "scontrol could not be run" : out.substr(0, out.find('\n'));
  return s;
}

} // namespace hpoc::rt::slurm
