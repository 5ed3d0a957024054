#include "runtime/llm/chat_client.h"
#include "runtime/llm/fake_http_server.h"
#include "runtime/llm/local_server.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace hpoc::llm {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

/// Runs hpoc_fake_llama_server (built beside this test) in a given mode.
class LocalServerTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hpoc-local-server-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "models");
    std::ofstream(dir_ / "models" / "tiny.gguf", std::ios::binary)
        << std::string("GGUF\x03\0\0\0", 8);
    options_.server_path = HPOC_FAKE_LLAMA_SERVER;
    options_.cache_dir = dir_.string();
    options_.model = "tiny";
    options_.log_path = (dir_ / "server.log").string();
    options_.startup_timeout = milliseconds(10'000);
    options_.stop_grace = milliseconds(500);
    options_.threads = 2;
  }
  void TearDown() override {
    ::unsetenv("FAKE_LLAMA_MODE");
    fs::remove_all(dir_);
  }
  std::string log() {
    std::ifstream in(options_.log_path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
  LocalServerOptions options_;
};

bool processExists(pid_t pid) {
  return ::kill(pid, 0) == 0;
}

TEST_F(LocalServerTest, StartsWaitsForHealthServesAndStops) {
  ::setenv("FAKE_LLAMA_MODE", "ready", 1);
  std::string err;
  auto server = LocalServer::start(options_, &err);
  ASSERT_TRUE(server) << err;
  EXPECT_TRUE(server->ownsProcess());
  EXPECT_EQ(server->modelName(), "tiny");
  EXPECT_EQ(server->baseUrl(), "http://127.0.0.1:" + std::to_string(server->port()) + "/v1");
  pid_t pid = server->pid();
  EXPECT_EQ(::getpgid(pid), pid) << "the server leads its own process group";

  std::string args = log();
  EXPECT_NE(args.find("-m " + (dir_ / "models" / "tiny.gguf").string()), std::string::npos) << args;
  EXPECT_NE(args.find("--host 127.0.0.1 --port " + std::to_string(server->port())),
            std::string::npos);
  EXPECT_NE(args.find("-c 8192 -t 2 -np 2"), std::string::npos) << args; // a slot per role
  EXPECT_NE(args.find("-a tiny"), std::string::npos) << args;

  EndpointConfig config;
  config.base_url = server->baseUrl();
  config.model = server->modelName();
  ChatClient client(config);
  ChatResult result;
  ChatError error;
  ChatRequest req;
  req.messages = {{"user", "hi"}};
  ASSERT_TRUE(client.complete(req, &result, &error)) << error.message;
  EXPECT_NE(result.content.find("learning_rate"), std::string::npos);

  server->stop();
  EXPECT_FALSE(processExists(pid));
  server->stop(); // idempotent
}

TEST_F(LocalServerTest, DestructorStopsTheServer) {
  ::setenv("FAKE_LLAMA_MODE", "ready", 1);
  std::string err;
  pid_t pid;
  {
    auto server = LocalServer::start(options_, &err);
    ASSERT_TRUE(server) << err;
    pid = server->pid();
    EXPECT_TRUE(processExists(pid));
  }
  EXPECT_FALSE(processExists(pid));
}

/// Alive and not a zombie waiting for whoever adopted it to reap it.
bool processRuns(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line))
    return false;
  std::size_t close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

TEST_F(LocalServerTest, TheServerKeepsNoneOfItsRunnersDescriptors) {
  ::setenv("FAKE_LLAMA_MODE", "ready", 1);
  int inherited[2];
  ASSERT_EQ(::pipe(inherited), 0); // inheritable, as a build tool's output pipe is
  std::string pipe = fs::read_symlink("/proc/self/fd/" + std::to_string(inherited[1])).string();
  std::string err;
  auto server = LocalServer::start(options_, &err);
  ASSERT_TRUE(server) << err;
  int seen = 0;
  for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(server->pid()) + "/fd")) {
    std::error_code ec;
    EXPECT_NE(fs::read_symlink(fd.path(), ec).string(), pipe) << fd.path();
    ++seen;
  }
  EXPECT_GE(seen, 3);
  ::close(inherited[0]);
  ::close(inherited[1]);
}

TEST_F(LocalServerTest, AKilledRunnerTakesItsServerAlong) {
  ::setenv("FAKE_LLAMA_MODE", "ready", 1);
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  pid_t runner = ::fork();
  ASSERT_GE(runner, 0);
  if (runner == 0) { // a runner that starts its server and is then killed
    std::string err;
    auto server = LocalServer::start(options_, &err);
    pid_t pid = server ? server->pid() : -1;
    (void)!::write(report[1], &pid, sizeof pid);
    ::pause();
    ::_exit(0);
  }
  ::close(report[1]);
  pid_t pid = -1;
  ASSERT_EQ(::read(report[0], &pid, sizeof pid), static_cast<ssize_t>(sizeof pid));
  ::close(report[0]);
  ASSERT_GT(pid, 0) << "the runner could not start its server";
  EXPECT_TRUE(processRuns(pid));
  ::kill(runner, SIGKILL);
  ::waitpid(runner, nullptr, 0);
  for (int i = 0; i < 100 && processRuns(pid); ++i)
    std::this_thread::sleep_for(milliseconds(50));
  bool orphaned = processRuns(pid);
  if (orphaned)
    ::kill(pid, SIGKILL);
  EXPECT_FALSE(orphaned) << "the server outlived its runner";
}

TEST_F(LocalServerTest, AServerThatIgnoresSigtermIsKilled) {
  ::setenv("FAKE_LLAMA_MODE", "ignore-term", 1);
  std::string err;
  auto server = LocalServer::start(options_, &err);
  ASSERT_TRUE(server) << err;
  pid_t pid = server->pid();
  auto start = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_FALSE(processExists(pid));
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(450));
}

TEST_F(LocalServerTest, EarlyExitReportsTheTailOfTheLog) {
  ::setenv("FAKE_LLAMA_MODE", "exit", 1);
  std::string err;
  auto server = LocalServer::start(options_, &err);
  EXPECT_FALSE(server);
  EXPECT_NE(err.find("exited with status 3"), std::string::npos) << err;
  EXPECT_NE(err.find("failed to load model (fake)"), std::string::npos) << err;
}

TEST_F(LocalServerTest, StartupTimeoutStopsTheServerAndReports) {
  ::setenv("FAKE_LLAMA_MODE", "never", 1);
  options_.startup_timeout = milliseconds(700);
  std::string err;
  auto server = LocalServer::start(options_, &err);
  EXPECT_FALSE(server);
  EXPECT_NE(err.find("not ready after"), std::string::npos) << err;
  EXPECT_NE(err.find("fake llama-server starting"), std::string::npos) << err;
}

TEST_F(LocalServerTest, PortInUseIsReported) {
  testing::FakeHttpServer squatter; // answers 500 to /health: not our server
  ::setenv("FAKE_LLAMA_MODE", "ready", 1);
  options_.port = squatter.port();
  options_.startup_timeout = milliseconds(3'000);
  std::string err;
  auto server = LocalServer::start(options_, &err);
  EXPECT_FALSE(server);
  EXPECT_NE(err.find("before it was ready"), std::string::npos) << err;
}

TEST_F(LocalServerTest, MissingModelNamesTheBootstrap) {
  options_.model = "absent";
  std::string err;
  EXPECT_FALSE(LocalServer::start(options_, &err));
  EXPECT_NE(err.find("absent.gguf not found"), std::string::npos) << err;
  EXPECT_NE(err.find("run scripts/bootstrap-llm.sh"), std::string::npos) << err;
}

TEST_F(LocalServerTest, CorruptModelIsRejectedBeforeLaunch) {
  std::ofstream(dir_ / "models" / "tiny.gguf", std::ios::binary | std::ios::trunc) << "<html>";
  std::string err;
  EXPECT_FALSE(LocalServer::start(options_, &err));
  EXPECT_NE(err.find("bad magic"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(options_.log_path)) << "nothing was launched";
}

TEST_F(LocalServerTest, MissingServerNamesTheBootstrap) {
  options_.server_path = (dir_ / "no-such-server").string();
  std::string err;
  EXPECT_FALSE(LocalServer::start(options_, &err));
  EXPECT_NE(err.find("llama-server not found"), std::string::npos) << err;
}

TEST_F(LocalServerTest, AttachWaitsForARunningServerAndNeverStopsIt) {
  testing::FakeHttpServer running;
  running.enqueue({503, {}, "{}"});
  running.setFallback([](const testing::ReceivedRequest&) {
    return testing::CannedResponse{200, {}, R"({"status":"ok"})"};
  });
  std::string err;
  auto server = LocalServer::attach(running.url() + "/v1", milliseconds(5'000), &err);
  ASSERT_TRUE(server) << err;
  EXPECT_FALSE(server->ownsProcess());
  EXPECT_EQ(server->baseUrl(), running.url() + "/v1");
  EXPECT_EQ(running.requestCount(), 2u);
  EXPECT_EQ(running.requests()[0].path, "/health");
}

TEST_F(LocalServerTest, AttachToNothingFails) {
  int port = pickFreeLoopbackPort();
  std::string err;
  EXPECT_FALSE(LocalServer::attach("http://127.0.0.1:" + std::to_string(port) + "/v1",
                                   milliseconds(300), &err));
  EXPECT_NE(err.find("no LLM server answers"), std::string::npos) << err;
}

TEST(LocalServerThreadsTest, ExplicitThenEnvironmentThenHalfTheCores) {
  auto env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "HPOC_LLM_THREADS")
      return "3";
    return std::nullopt;
  };
  auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(localServerThreads(5, env), 5);
  EXPECT_EQ(localServerThreads(0, env), 3);
  EXPECT_GE(localServerThreads(0, none), 1);
}

TEST(TailOfFileTest, KeepsTheLastLines) {
  auto path = fs::temp_directory_path() / ("hpoc-tail-" + std::to_string(::getpid()));
  std::ofstream(path) << "one\ntwo\nthree\nfour\n";
  EXPECT_EQ(tailOfFile(path.string(), 2), "three\nfour");
  EXPECT_EQ(tailOfFile(path.string(), 10), "one\ntwo\nthree\nfour");
  fs::remove(path);
  EXPECT_EQ(tailOfFile(path.string(), 2), "");
}

} // namespace
} // namespace hpoc::llm
