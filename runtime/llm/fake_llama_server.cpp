// Stands in for llama-server in LocalServer's tests: takes the same flags and
// behaves as FAKE_LLAMA_MODE says.
//   ready  (default) /health answers 503 twice, then 200; chat completions answer
//          a fixed proposal
//   exit   prints an error and exits with status 3
//   never  never becomes healthy
//   ignore-term  like ready, but ignores SIGTERM (tests the SIGKILL path)
//   sigill  dies with SIGILL while "loading the model", as a llama-server built
//          for instructions this CPU lacks does in its warm-up decode
//   sigill-on-request  healthy, then dies with SIGILL at its first completion
//   garbage  healthy, and every completion is prose instead of the JSON asked for
//   echo-key  healthy at once; echoes the request's Authorization header (the API
//          key) everywhere a server can: the first chat request fails with a long
//          error body whose 300th byte falls inside the key, later ones answer
//          FAKE_LLAMA_ANSWER (a JSON object) with the header added as "echo", in
//          x-request-id and as the model's name (tests that no file holds the key)
#include "runtime/llm/fake_http_server.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace {

using hpoc::llm::testing::CannedResponse;

CannedResponse echoKey(const hpoc::llm::testing::ReceivedRequest& req, int* chatCalls) {
  if (req.path == "/health")
    return {200, {}, R"({"status":"ok"})"};
  int call = ++*chatCalls;
  auto auth = req.headers.find("authorization");
  std::string echo = auth == req.headers.end() ? "" : auth->second; // "Bearer <key>"
  if (call == 1) {
    // "Bearer " ends at byte 291, so a cut at 300 bytes keeps the key's first 9 bytes.
    return {400, {}, std::string(284, '.') + echo + " is not allowed to use this model"};
  }
  const char* answer = std::getenv("FAKE_LLAMA_ANSWER");
  nlohmann::json content = nlohmann::json::parse(answer ? answer : "{}", nullptr, false);
  if (!content.is_object())
    content = nlohmann::json::object();
  content["echo"] = echo;
  nlohmann::json body =
      nlohmann::json::parse(hpoc::llm::testing::chatCompletionBody(content.dump()));
  body["model"] = echo;
  return {200, {{"x-request-id", echo}}, body.dump()};
}

} // namespace

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
  auto dieOfSigill = [] {
    std::cerr << "ggml_backend_amx_mul_mat: (fake) illegal instruction" << std::endl;
    std::signal(SIGILL, SIG_DFL);
    std::raise(SIGILL);
  };
  if (mode == "sigill") {
    std::cout << "load_tensors: loading model (fake)" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    dieOfSigill();
  }

  hpoc::llm::testing::FakeHttpServer server(port);
  int health_calls = 0, chat_calls = 0;
  server.setFallback([&](const hpoc::llm::testing::ReceivedRequest& req) {
    if (mode == "echo-key")
      return echoKey(req, &chat_calls);
    if (req.path == "/health") {
      bool ready = mode != "never" && ++health_calls > 2;
      return ready ? CannedResponse{200, {}, R"({"status":"ok"})"}
                   : CannedResponse{503, {}, R"({"error":{"message":"Loading model"}})"};
    }
    if (mode == "sigill-on-request")
      dieOfSigill();
    if (mode == "garbage")
      return CannedResponse{
          200,
          {},
          hpoc::llm::testing::chatCompletionBody(
              "I would try a smaller learning rate and a deeper tree next time.")};
    return CannedResponse{
        200,
        {},
        hpoc::llm::testing::chatCompletionBody(
            R"({"config":{"learning_rate":0.001,"batch_size":64},"rationale":"a safe start"})")};
  });
  while (true)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}
