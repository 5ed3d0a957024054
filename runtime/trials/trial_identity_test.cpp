#include "runtime/spec/config_canon.h"
#include "runtime/spec/test_support.h"
#include "runtime/support/file_util.h"
#include "runtime/trials/trial_identity.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {
struct Fixture {
  testsupport::TempDir dir;
  StudySpec spec = testsupport::smallStudy();
  Fixture() {
    std::string err;
    writeFileAtomic(dir.file("train.py"), "print(1)\n", &err);
    writeFileAtomic(dir.file("data.csv"), "1,2\n", &err);
    spec.sourceDir = dir.path();
    spec.trainer.command = "python3 {study_dir}/train.py --config {config}";
    spec.trainer.depends = {"train.py"};
    spec.dataset.paths = {"data.csv"};
  }
  std::string id(const Config& c) {
    FileHashCache hashes("");
    TrialInputs in;
    std::string err;
    EXPECT_TRUE(computeTrialInputs(spec, "", spec.trainer.command, hashes, &in, &err)) << err;
    return trialId(in, canonicalConfig(spec, c));
  }
};
const Config kConfig = {{"lr", 0.01}, {"layers", 2}, {"opt", "adam"}, {"batch", 32}};
} // namespace

TEST(TrialIdentity, DescriptionsDoNotMatter) {
  Fixture f;
  std::string before = f.id(kConfig);
  f.spec.task = "another task";
  f.spec.space[0].description = "another description";
  f.spec.goal.trials = 99;
  f.spec.dataset.description = "changed";
  EXPECT_EQ(f.id(kConfig), before);
}

TEST(TrialIdentity, ConfigTrainerDataAndSeedDo) {
  Fixture f;
  std::string base = f.id(kConfig), err;
  Config c = kConfig;
  c["layers"] = 3;
  EXPECT_NE(f.id(c), base);
  writeFileAtomic(f.dir.file("train.py"), "print(2)\n", &err);
  std::string trainerChanged = f.id(kConfig);
  EXPECT_NE(trainerChanged, base);
  writeFileAtomic(f.dir.file("data.csv"), "1,3\n", &err);
  EXPECT_NE(f.id(kConfig), trainerChanged);
  std::string dataChanged = f.id(kConfig);
  f.spec.agent.seed = 5;
  EXPECT_NE(f.id(kConfig), dataChanged);
}

TEST(TrialIdentity, MissingDatasetIsAnError) {
  Fixture f;
  f.spec.dataset.paths = {"nope.csv"};
  FileHashCache hashes("");
  TrialInputs in;
  std::string err;
  EXPECT_FALSE(computeTrialInputs(f.spec, "", f.spec.trainer.command, hashes, &in, &err));
  EXPECT_NE(err.find("nope.csv"), std::string::npos) << err;
}

TEST(TrialIdentity, AStudyOnAnotherPathKeepsItsIds) {
  // The same sources and build tree under two roots, as after `cp -r` or a CI
  // checkout elsewhere; the command CMake passes names both by absolute path.
  testsupport::TempDir a, b;
  auto idUnder = [](const testsupport::TempDir& root) {
    std::string err;
    makeDirs(root.file("src"), &err);
    makeDirs(root.file("build/hpo/s"), &err);
    writeFileAtomic(root.file("src/train.py"), "print(1)\n", &err);
    writeFileAtomic(root.file("src/data.csv"), "1,2\n", &err);
    writeFileAtomic(root.file("build/trainer"), "binary\n", &err);
    StudySpec spec = testsupport::smallStudy();
    spec.sourceDir = root.file("src");
    spec.trainer.depends = {"train.py"};
    spec.dataset.paths = {root.file("src/data.csv")};
    std::string command = "python3 " + root.file("src/train.py") + " --tool " +
                          root.file("build/tool") + " --config {config}";
    FileHashCache hashes("");
    TrialInputs in;
    EXPECT_TRUE(computeTrialInputs(spec, "", command, hashes, &in, &err, root.file("build/hpo/s")))
        << err;
    EXPECT_EQ(in.trainer["command"],
              "python3 {study_dir}/train.py --tool <build-dir>/tool --config {config}");
    TrialInputs bin;
    EXPECT_TRUE(computeTrialInputs(spec, root.file("build/trainer"), "", hashes, &bin, &err,
                                   root.file("build/hpo/s")))
        << err;
    return trialId(in, canonicalConfig(spec, kConfig)) + " " +
           trialId(bin, canonicalConfig(spec, kConfig));
  };
  EXPECT_EQ(idUnder(a), idUnder(b));
}

TEST(TrialIdentity, AStudyFolderOutsideItsBuildTreeKeepsItsIdsWithBuildDir) {
  Fixture f;
  std::string err, build = f.dir.file("build");
  std::string command = "sh " + build + "/gen/run.sh {config}";
  auto id = [&](const std::string& studyDir, const std::string& buildDir) {
    FileHashCache hashes("");
    TrialInputs in;
    EXPECT_TRUE(computeTrialInputs(f.spec, "", command, hashes, &in, &err, studyDir, buildDir))
        << err;
    return trialId(in, canonicalConfig(f.spec, kConfig));
  };
  std::string inTree = id(build + "/hpo/s", "");
  EXPECT_EQ(id(f.dir.file("copies/s"), build), inTree);
  EXPECT_NE(id(f.dir.file("copies/s"), ""), inTree); // the build tree unknown: hashed as is
}
