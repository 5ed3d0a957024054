#include "runtime/slurm/slurm_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpoc::rt::slurm {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

TEST(SlurmRequest, ReadsTheRuleFlagsAndTheTrialCommand) {
  SlurmRequest r;
  std::string err;
  ASSERT_TRUE(parseSlurmTrialArgs({"--partition", "gpu", "--gres", "gpu:1", "--cpus", "4", "--mem",
                                   "16384M", "--time", "30", "--retries", "3", "--", "/b/runner",
                                   "--run-trial", "/s/t/ab"},
                                  &r, &err))
      << err;
  EXPECT_EQ(r.partition, "gpu");
  EXPECT_EQ(r.cpus, 4);
  EXPECT_EQ(r.timeMinutes, 30);
  EXPECT_EQ(r.retries, 3);
  EXPECT_EQ(r.trialDir, "/s/t/ab");
  EXPECT_THAT(r.trialCommand, ElementsAre("/b/runner", "--run-trial", "/s/t/ab"));
}

TEST(SlurmRequest, RefusesRelativePathsUnknownFlagsAndBadNumbers) {
  std::string err;
  SlurmRequest r;
  EXPECT_FALSE(parseSlurmTrialArgs({"--", "runner", "--run-trial", "/s/t/ab"}, &r, &err));
  EXPECT_THAT(err, ::testing::HasSubstr("absolute"));
  EXPECT_FALSE(parseSlurmTrialArgs({"--nodes", "2", "--", "/r", "--run-trial", "/d"}, &r, &err));
  EXPECT_THAT(err, ::testing::HasSubstr("unknown option --nodes"));
  EXPECT_FALSE(parseSlurmTrialArgs({"--cpus", "0", "--", "/r", "--run-trial", "/d"}, &r, &err));
  EXPECT_FALSE(
      parseSlurmTrialArgs({"--extra", "'open", "--", "/r", "--run-trial", "/d"}, &r, &err));
  EXPECT_THAT(err, ::testing::HasSubstr("unclosed quote"));
  EXPECT_FALSE(parseSlurmTrialArgs({"--cpus", "2"}, &r, &err));
}

TEST(SlurmRequest, SplitsExtraOptionsAsAShellWould) {
  std::vector<std::string> words;
  std::string err;
  ASSERT_TRUE(splitShellWords("--qos=high  --comment='tuning run' a\\ b \"x\\\"y\"", &words, &err));
  EXPECT_THAT(words, ElementsAre("--qos=high", "--comment=tuning run", "a b", "x\"y"));
}

TEST(SlurmRequest, SrunAlwaysQuitsOnInterruptKillsOnBadExitAndExportsExplicitly) {
  SlurmRequest r;
  r.gres = "gpu:1";
  r.timeMinutes = 2;
  r.extra = "--qos=high";
  auto a = srunArguments(r, "hpoc-ab", {"/bin/sh", "-c", "x"},
                         {{"PATH", "/usr/bin"}, {"HOME", "/root"}}, false);
  EXPECT_THAT(a,
              ElementsAre("srun", "--job-name=hpoc-ab", "--nodes=1", "--ntasks=1", "--gres=gpu:1",
                          "--time=2", "--qos=high", "--quit-on-interrupt", "--kill-on-bad-exit=1",
                          "--export=PATH=/usr/bin,HOME=/root", "/bin/sh", "-c", "x"));
  EXPECT_THAT(a, Not(Contains("--exact")));
  EXPECT_THAT(srunArguments(r, "n", {"/p"}, {}, true), Contains("--exact"));
  EXPECT_THAT(srunArguments(r, "n", {"/p"}, {}, false), Contains("--export=NONE"));
}

TEST(SlurmRequest, ExportsTheUsualVariablesAndNoValueWithAComma) {
  std::string path = "PATH=/usr/bin", comma = "PYTHONPATH=/a,/b", mine = "HPOC_SEED=3",
              other = "SECRET_TOKEN=x";
  char* env[] = {path.data(), comma.data(), mine.data(), other.data(), nullptr};
  auto e = exportedEnvironment(env);
  EXPECT_THAT(e, ElementsAre(std::pair<std::string, std::string>("PATH", "/usr/bin"),
                             std::pair<std::string, std::string>("HPOC_SEED", "3")));
}

} // namespace
} // namespace hpoc::rt::slurm
