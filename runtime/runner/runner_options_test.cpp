#include "runtime/runner/runner_options.h"

#include <cstdlib>
#include <gtest/gtest.h>
#include <vector>

using namespace hpoc::rt;

namespace {
bool parse(std::vector<std::string> args, RunnerOptions* out, std::string* err) {
  std::vector<char*> argv;
  for (std::string& a : args)
    argv.push_back(a.data());
  return parseRunnerOptions(static_cast<int>(argv.size()), argv.data(), out, err);
}
} // namespace

TEST(RunnerOptions, ReplayIsOffUnlessAsked) {
  ::unsetenv("HPOC_RUNNER_ARGS");
  RunnerOptions o;
  std::string err;
  ASSERT_TRUE(parse({"runner", "--study-dir", "d"}, &o, &err)) << err;
  EXPECT_FALSE(o.replay);
  RunnerOptions r;
  ASSERT_TRUE(parse({"runner", "--study-dir", "d", "--replay"}, &r, &err)) << err;
  EXPECT_TRUE(r.replay);
}

TEST(RunnerOptions, ReplayCanComeFromTheEnvironment) {
  // What `HPOC_RUNNER_ARGS=--replay cmake --build build --target tune-s` passes.
  ::setenv("HPOC_RUNNER_ARGS", "--replay", 1);
  RunnerOptions o;
  std::string err;
  bool ok = parse({"runner", "--study-dir", "d"}, &o, &err);
  ::unsetenv("HPOC_RUNNER_ARGS");
  ASSERT_TRUE(ok) << err;
  EXPECT_TRUE(o.replay);
  EXPECT_NE(runnerUsage("runner").find("--replay"), std::string::npos);
}

TEST(RunnerOptions, ARelativeTrainerBinaryIsMadeAbsolute) {
  // Trials run in their own folders, where a relative path names nothing.
  ::unsetenv("HPOC_RUNNER_ARGS");
  RunnerOptions o;
  std::string err;
  ASSERT_TRUE(parse({"runner", "--study-dir", "d", "--trainer-binary", "bin/train"}, &o, &err))
      << err;
  EXPECT_EQ(o.trainerBinary.front(), '/');
  EXPECT_TRUE(o.trainerBinary.ends_with("/bin/train")) << o.trainerBinary;
}
