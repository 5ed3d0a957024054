#include "runtime/llm/local_server.h"

#include "runtime/llm/http_client.h"
#include "runtime/llm/model_files.h"
#include "runtime/support/descriptors.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace hpoc::llm {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

enum class Launch { Ready, BindFailed, Failed };

/// fork + exec with stdout/stderr to `log_path`, in a new process group. Returns
/// the pid, or -1 with `*err` set (exec errors come back through a CLOEXEC pipe).
pid_t spawn(const std::vector<std::string>& argv, const std::string& log_path, std::string* err) {
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    *err = "cannot open server log " + log_path + ": " + std::strerror(errno);
    return -1;
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int status_pipe[2];
  if (::pipe2(status_pipe, O_CLOEXEC) != 0) {
    *err = std::string("pipe: ") + std::strerror(errno);
    ::close(log_fd);
    ::close(null_fd);
    return -1;
  }
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec. The server stops with
    // its runner, even a killed one, and keeps none of the runner's descriptors.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent)
      ::_exit(127);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    rt::closeOnExecFrom(3);
    ::execv(args[0], args.data());
    int e = errno;
    ssize_t ignored = ::write(status_pipe[1], &e, sizeof e);
    (void)ignored;
    ::_exit(127);
  }
  ::close(status_pipe[1]);
  ::close(log_fd);
  ::close(null_fd);
  if (pid < 0) {
    *err = std::string("fork: ") + std::strerror(errno);
    ::close(status_pipe[0]);
    return -1;
  }
  ::setpgid(pid, pid); // also from the parent, so kill(-pid) works at once
  int child_errno = 0;
  ssize_t n = ::read(status_pipe[0], &child_errno, sizeof child_errno);
  ::close(status_pipe[0]);
  if (n == sizeof child_errno) {
    ::waitpid(pid, nullptr, 0);
    *err = "cannot execute " + argv[0] + ": " + std::strerror(child_errno);
    return -1;
  }
  return pid;
}

std::string originOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? url : url.substr(0, slash);
}

/// GET /health: 200 means ready, 503 means loading, no answer means not up yet.
long healthStatus(const std::string& origin) {
  HttpRequest req;
  req.url = origin + "/health";
  req.connect_timeout = milliseconds(1'000);
  req.total_timeout = milliseconds(3'000);
  HttpResponse res = performHttp(req);
  return res.error == TransportError::None ? res.status : 0;
}

void killGroupAndReap(pid_t pid, milliseconds grace) {
  if (pid <= 0)
    return;
  ::kill(-pid, SIGTERM);
  auto deadline = Clock::now() + grace;
  while (Clock::now() < deadline) {
    pid_t r = ::waitpid(pid, nullptr, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) {
      ::kill(-pid, SIGKILL); // stray children of the group, if any
      return;
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

} // namespace

std::string describeExitStatus(int status) {
  if (WIFEXITED(status))
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(sig);
    std::string text = strsignal(sig);
    if (!text.empty())
      text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    std::string name = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
    return "was killed by " + name + " (" + text + ")";
  }
  return "stopped";
}

int localServerThreads(int requested, const EnvLookup& env) {
  if (requested > 0)
    return requested;
  if (auto v = env("HPOC_LLM_THREADS")) {
    int n = std::atoi(v->c_str());
    if (n > 0)
      return n;
  }
  return std::max(1u, std::thread::hardware_concurrency() / 2);
}

int pickFreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::string tailOfFile(const std::string& path, int max_lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {};
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  std::streamoff from = std::max<std::streamoff>(0, size - 4096);
  in.seekg(from);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  size_t pos = text.size();
  for (int lines = 0; lines < max_lines && pos != std::string::npos && pos > 0; ++lines)
    pos = text.rfind('\n', pos - 1);
  if (pos != std::string::npos && pos < text.size() && text[pos] == '\n')
    ++pos;
  if (pos == std::string::npos)
    pos = 0;
  return text.substr(pos);
}

std::unique_ptr<LocalServer> LocalServer::start(const LocalServerOptions& options,
                                                std::string* err) {
  EnvLookup env = options.env ? options.env : processEnvironment();
  std::string cache_dir = options.cache_dir.empty() ? cacheDirectory(env) : options.cache_dir;
  std::string server_path =
      options.server_path.empty() ? defaultServerPath(cache_dir, env) : options.server_path;
  std::string model_path =
      resolveModelPath(options.model.empty() ? kDefaultLocalModel : options.model, cache_dir);
  if (options.log_path.empty()) {
    *err = "LocalServer needs a log path";
    return nullptr;
  }
  if (!checkServerBinary(server_path, err) || !checkGgufFile(model_path, err))
    return nullptr;

  const int slots = std::max(1, options.slots);
  std::unique_ptr<LocalServer> server(new LocalServer());
  server->model_path_ = model_path;
  server->server_path_ = server_path;
  server->model_name_ = modelNameFromPath(model_path);
  server->log_path_ = options.log_path;
  server->stop_grace_ = options.stop_grace;

  const int tries = options.port == 0 ? 3 : 1;
  for (int attempt = 1; attempt <= tries; ++attempt) {
    int port = options.port != 0 ? options.port : pickFreeLoopbackPort();
    if (port == 0) {
      *err = "cannot find a free loopback port";
      return nullptr;
    }
    std::vector<std::string> argv = {server_path,
                                     "-m",
                                     model_path,
                                     "-a",
                                     server->model_name_,
                                     "--host",
                                     "127.0.0.1",
                                     "--port",
                                     std::to_string(port),
                                     "-c",
                                     std::to_string(options.context_size * slots),
                                     "-t",
                                     std::to_string(localServerThreads(options.threads, env)),
                                     "-np",
                                     std::to_string(slots)};
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());

    auto launched = Clock::now();
    pid_t pid = spawn(argv, options.log_path, err);
    if (pid < 0)
      return nullptr;
    server->pid_ = pid;
    server->ownsProcessEver_ = true;
    server->port_ = port;
    std::string origin = "http://127.0.0.1:" + std::to_string(port);

    Launch outcome = Launch::Failed;
    auto deadline = launched + options.startup_timeout;
    milliseconds pause(50);
    while (true) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        server->pid_ = -1;
        std::string tail = tailOfFile(options.log_path, 15);
        bool bind_failed =
            tail.find("bind") != std::string::npos || tail.find("in use") != std::string::npos;
        outcome = bind_failed ? Launch::BindFailed : Launch::Failed;
        *err = "llama-server " + describeExitStatus(status) + " before it was ready (log " +
               options.log_path + "):\n" + tail;
        break;
      }
      if (healthStatus(origin) == 200) {
        outcome = Launch::Ready;
        break;
      }
      if (Clock::now() >= deadline) {
        killGroupAndReap(pid, server->stop_grace_);
        server->pid_ = -1;
        *err = "llama-server was not ready after " +
               std::to_string(options.startup_timeout.count() / 1000) + " s (log " +
               options.log_path + "):\n" + tailOfFile(options.log_path, 15);
        return nullptr;
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, milliseconds(500));
    }
    if (outcome == Launch::Ready) {
      server->base_url_ = origin + "/v1";
      server->startup_time_ = std::chrono::duration_cast<milliseconds>(Clock::now() - launched);
      err->clear();
      return server;
    }
    if (outcome == Launch::Failed)
      return nullptr;
    // Port taken between our probe and the server's bind: try another.
  }
  return nullptr;
}

std::unique_ptr<LocalServer> LocalServer::attach(const std::string& base_url,
                                                 std::chrono::milliseconds timeout,
                                                 std::string* err) {
  std::unique_ptr<LocalServer> server(new LocalServer());
  server->base_url_ = base_url;
  std::string origin = originOf(base_url);
  auto start = Clock::now();
  long status = 0;
  milliseconds pause(50);
  while (true) {
    status = healthStatus(origin);
    if (status != 0 && status != 503)
      break;
    if (Clock::now() - start >= timeout) {
      *err = status == 503 ? "the LLM server at " + origin + " is still loading its model"
                           : "no LLM server answers at " + origin;
      return nullptr;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds(500));
  }
  server->startup_time_ = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  return server;
}

LocalServer::~LocalServer() {
  stop();
}

bool LocalServer::running(std::string* why) {
  if (pid_ <= 0)
    return !ownsProcessEver_;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_)
    return true;
  ::kill(-pid_, SIGKILL); // what is left of its process group
  pid_ = -1;
  if (why)
    *why = "llama-server " + describeExitStatus(status) + "; log " + log_path_;
  return false;
}

void LocalServer::stop() {
  if (pid_ > 0)
    killGroupAndReap(pid_, stop_grace_);
  pid_ = -1;
}

} // namespace hpoc::llm
