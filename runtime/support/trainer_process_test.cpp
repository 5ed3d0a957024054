#include "runtime/support/file_util.h"
#include "runtime/support/test_support.h"
#include "runtime/support/trainer_process.h"

#include <csignal>
#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {
TrainerLaunch launch(const testsupport::TempDir& dir, const std::string& command) {
  TrainerLaunch l;
  l.command = command;
  l.workdir = dir.path();
  l.stdoutPath = dir.file("out.log");
  l.stderrPath = dir.file("err.log");
  l.env = {{"HPOC_TEST_VALUE", "42"}};
  return l;
}
} // namespace

TEST(TrainerProcess, CapturesOutputExitCodeAndEnvironment) {
  testsupport::TempDir dir;
  TrainerExit e = runTrainer(launch(dir, "echo out $HPOC_TEST_VALUE; echo err >&2; pwd; exit 4"));
  EXPECT_TRUE(e.started);
  EXPECT_EQ(e.exitCode, 4);
  std::string out, err;
  ASSERT_TRUE(readFile(dir.file("out.log"), &out, &err));
  EXPECT_EQ(out, "out 42\n" + dir.path() + "\n");
  ASSERT_TRUE(readFile(dir.file("err.log"), &out, &err));
  EXPECT_EQ(out, "err\n");
}

TEST(TrainerProcess, TimeoutKillsTheWholeGroup) {
  testsupport::TempDir dir;
  TrainerLaunch l = launch(dir, "sleep 30 & echo $! > child.pid; sleep 30");
  l.timeoutSeconds = 0.3;
  l.graceSeconds = 0.2;
  TrainerExit e = runTrainer(l);
  EXPECT_TRUE(e.timedOut);
  EXPECT_LT(e.seconds, 5);
  std::string pid, err;
  ASSERT_TRUE(readFile(dir.file("child.pid"), &pid, &err));
  // The background child was in the trainer's group: it is gone (or a zombie of init).
  for (int i = 0; i < 50 && ::kill(std::stoi(pid), 0) == 0; ++i)
    ::usleep(20000);
  std::string stat;
  bool alive = readFile("/proc/" + std::to_string(std::stoi(pid)) + "/stat", &stat, &err) &&
               stat.find(") Z") == std::string::npos;
  EXPECT_FALSE(alive);
}

TEST(TrainerProcess, SignalIsReported) {
  testsupport::TempDir dir;
  TrainerExit e = runTrainer(launch(dir, "exec sh -c 'kill -SEGV $$'"));
  EXPECT_EQ(e.signal, SIGSEGV);
}
