// A loopback HTTP/1.1 server on a background thread that answers from a script
// of canned responses: the network end of the LLM layer's unit tests.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hpoc::llm::testing {

struct CannedResponse {
  int status = 200;
  std::map<std::string, std::string> headers;
  std::string body;
  /// Wait this long before answering (to trigger client timeouts).
  std::chrono::milliseconds delay{0};
  /// Close the connection without answering.
  bool hang_up = false;
};

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers; ///< names in lower case
  std::string body;
};

class FakeHttpServer {
public:
  /// Binds 127.0.0.1 on `port` (0: any free port) and starts serving.
  explicit FakeHttpServer(int port = 0);
  ~FakeHttpServer();

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// Queues a response; requests are answered in order. With the queue empty,
  /// `fallback` answers (default: 500 "script exhausted").
  void enqueue(CannedResponse response);
  /// Answers every request that the queue does not, e.g. by path.
  void setFallback(std::function<CannedResponse(const ReceivedRequest&)> fallback);

  std::vector<ReceivedRequest> requests() const;
  size_t requestCount() const;

private:
  void serve();
  void handle(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<CannedResponse> script_;
  std::function<CannedResponse(const ReceivedRequest&)> fallback_;
  std::vector<ReceivedRequest> received_;
  std::thread thread_;
};

/// A chat completion body as OpenAI-compatible servers send it.
std::string chatCompletionBody(const std::string& content,
                               const std::string& finish_reason = "stop", int prompt_tokens = 12,
                               int completion_tokens = 7);

} // namespace hpoc::llm::testing
