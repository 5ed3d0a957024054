// llama.cpp's llama-server as a child process on a loopback port, or an
// already-running server at a known URL: the embedded offline LLM.
#pragma once

#include "runtime/llm/environment.h"

#include <chrono>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace hpoc::llm {

struct LocalServerOptions {
  /// llama-server binary; empty means HPOC_LLAMA_SERVER, else the bootstrap's
  /// $CACHE/llama.cpp/build/bin/llama-server.
  std::string server_path;
  /// A model name in $CACHE/models (without ".gguf") or a path to a GGUF file;
  /// empty means kDefaultLocalModel.
  std::string model;
  /// Empty means HPOC_CACHE_DIR, else ~/.cache/hpoc.
  std::string cache_dir;
  /// Receives the server's stdout and stderr (truncated at start). Required.
  std::string log_path;
  /// Context of each slot, in tokens.
  int context_size = 4096;
  /// Server slots, each with its own KV cache (`-np`, and `-c` is slots times
  /// context_size). Two let the Creator and the Executor each keep their prompt
  /// prefix cached between calls: llama-server sends a request to the slot whose
  /// cached prompt shares most with it, so only the new tail of a growing prompt
  /// is evaluated again.
  int slots = 2;
  /// Threads for prompt and generation; 0 means HPOC_LLM_THREADS, else half the
  /// cores (at least one). llama.cpp's threads spin-wait on each other, so one
  /// busy core (a trainer, a compiler) cuts a 2-thread server to a third of its
  /// speed while a 1-thread server keeps two thirds: see docs/llm.md.
  int threads = 0;
  /// 0 picks a free loopback port (and another one if that is taken by the time
  /// the server binds it).
  int port = 0;
  /// Loading a 1 GB model from a cold disk takes a while on a small machine.
  std::chrono::milliseconds startup_timeout{180'000};
  /// Between SIGTERM and SIGKILL when stopping.
  std::chrono::milliseconds stop_grace{5'000};
  /// Appended to the command line as is.
  std::vector<std::string> extra_args;
  /// Environment lookups; empty means the process environment.
  EnvLookup env;
};

/// A running llama-server. When started here, it runs in its own process group
/// and is stopped (SIGTERM, then SIGKILL) when this object is destroyed; when
/// attached, nothing is started or stopped.
class LocalServer {
public:
  /// Checks the binary and the model (GGUF magic), launches
  /// `llama-server -m MODEL -a NAME --host 127.0.0.1 --port P -c SLOTS*CTX -t THREADS -np SLOTS`,
  /// and waits until GET /health answers 200. On failure returns null and sets
  /// `*err`: a missing or corrupt file names the fix (run scripts/bootstrap-llm.sh);
  /// an early exit or a timeout quotes the tail of the log.
  static std::unique_ptr<LocalServer> start(const LocalServerOptions& options, std::string* err);

  /// Uses the server at `base_url` (e.g. http://127.0.0.1:8080/v1), waiting up to
  /// `timeout` for its /health to stop answering 503 (a server without /health
  /// is taken as ready once it answers at all).
  static std::unique_ptr<LocalServer> attach(const std::string& base_url,
                                             std::chrono::milliseconds timeout, std::string* err);

  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  /// The OpenAI-compatible base URL, ending in /v1.
  const std::string& baseUrl() const { return base_url_; }
  /// The name the server answers to (the model file's name without ".gguf");
  /// empty when attached.
  const std::string& modelName() const { return model_name_; }
  const std::string& modelPath() const { return model_path_; }
  /// The llama-server binary started (empty when attached).
  const std::string& serverPath() const { return server_path_; }
  const std::string& logPath() const { return log_path_; }
  int port() const { return port_; }
  /// The child's pid (also its process group id), or -1 when attached.
  pid_t pid() const { return pid_; }
  bool ownsProcess() const { return pid_ > 0; }
  /// From launch (or attach) to the first healthy answer.
  std::chrono::milliseconds startupTime() const { return startup_time_; }

  /// Stops the child if this object started it; idempotent.
  void stop();

  /// True while the child runs (always true when attached). When it has died,
  /// `*why` says how ("llama-server was killed by SIGILL (illegal instruction);
  /// log PATH") and the child is reaped.
  bool running(std::string* why = nullptr);

private:
  LocalServer() = default;

  std::string base_url_;
  std::string model_name_;
  std::string model_path_;
  std::string server_path_;
  std::string log_path_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool ownsProcessEver_ = false; ///< started here (so a missing child means it died)
  std::chrono::milliseconds stop_grace_{5'000};
  std::chrono::milliseconds startup_time_{0};
};

/// The thread count `start` uses for `requested` threads (0: automatic).
int localServerThreads(int requested, const EnvLookup& env);

/// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0), or 0.
int pickFreeLoopbackPort();

/// How a child ended, as `waitpid` reported it: "exited with status 3",
/// "was killed by SIGILL (illegal instruction)".
std::string describeExitStatus(int status);

/// The last `max_lines` lines of a text file (at most the final 4 KiB).
std::string tailOfFile(const std::string& path, int max_lines);

} // namespace hpoc::llm
