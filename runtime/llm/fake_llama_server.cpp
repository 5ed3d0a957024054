// Stands in for llama-server in LocalServer's tests: takes the same flags and
// behaves as FAKE_LLAMA_MODE says.
//   ready  (default) /health answers 503 twice, then 200; chat completions answer
//          a fixed proposal
//   exit   prints an error and exits with status 3
//   never  never becomes healthy
//   ignore-term  like ready, but ignores SIGTERM (tests the SIGKILL path)
#include "runtime/llm/fake_http_server.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  int port = 0;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--port") == 0)
      port = std::atoi(argv[i + 1]);
  const char* mode_env = std::getenv("FAKE_LLAMA_MODE");
  std::string mode = mode_env ? mode_env : "ready";
  std::cout << "fake llama-server starting, mode " << mode << ", args:";
  for (int i = 1; i < argc; ++i)
    std::cout << ' ' << argv[i];
  std::cout << std::endl;
  if (mode == "exit") {
    std::cerr << "error: failed to load model (fake)" << std::endl;
    return 3;
  }
  if (mode == "ignore-term")
    std::signal(SIGTERM, SIG_IGN);

  using hpoc::llm::testing::CannedResponse;
  hpoc::llm::testing::FakeHttpServer server(port);
  int health_calls = 0;
  server.setFallback([&](const hpoc::llm::testing::ReceivedRequest& req) {
    if (req.path == "/health") {
      bool ready = mode != "never" && ++health_calls > 2;
      return ready ? CannedResponse{200, {}, R"({"status":"ok"})"}
                   : CannedResponse{503, {}, R"({"error":{"message":"Loading model"}})"};
    }
    return CannedResponse{200, {},
                          hpoc::llm::testing::chatCompletionBody(
                              R"({"config":{"learning_rate":0.001,"batch_size":64},"rationale":"a safe start"})")};
  });
  while (true)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}
