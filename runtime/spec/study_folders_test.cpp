#include "runtime/spec/study_folders.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

namespace {
StudySpec specIn(const std::string& sourceDir) {
  StudySpec spec;
  spec.sourceDir = sourceDir;
  return spec;
}
} // namespace

TEST(StudyFolders, NamesEachFolderByItsPlaceholder) {
  StudyFolders f(specIn("/home/u/proj"), "/home/u/proj/build/hpo/s");
  EXPECT_EQ(f.mask("File \"/home/u/proj/train.py\", line 3"),
            "File \"{study_dir}/train.py\", line 3");
  EXPECT_EQ(f.mask("/home/u/proj/build/hpo/s/trials/ab/config.json"),
            "<study-folder>/trials/ab/config.json");
  EXPECT_EQ(f.mask("/home/u/proj/build/trainer --x"), "<build-dir>/trainer --x");
  EXPECT_EQ(f.mask("cd /home/u/proj"), "cd {study_dir}");
}

TEST(StudyFolders, TwoCopiesOfOneStudyReadAlike) {
  std::string text = "error in /a/build/hpo/s/trials/1/config.json (from /a/src/t.py)";
  StudyFolders here(specIn("/a/src"), "/a/build/hpo/s");
  StudyFolders there(specIn("/b/c/src"), "/b/c/build/hpo/s");
  std::string moved = "error in /b/c/build/hpo/s/trials/1/config.json (from /b/c/src/t.py)";
  EXPECT_EQ(here.mask(text), there.mask(moved));
}

TEST(StudyFolders, MasksWholeNamesOnly) {
  StudyFolders f(specIn("/a/b"), "/x/hpo/s");
  EXPECT_EQ(f.mask("/a/bc /a/b.old /z/a/b /a/b"), "/a/bc /a/b.old /z/a/b {study_dir}");
  EXPECT_EQ(f.mask("/x/y"), "<build-dir>/y");
}

TEST(StudyFolders, NoBuildTreeOutsideAnHpoFolderUnlessNamed) {
  StudyFolders f(specIn("/src"), "/tmp/mystudy");
  EXPECT_EQ(f.mask("/tmp/mystudy/x /tmp/other"), "<study-folder>/x /tmp/other");
  // A study folder copied out of its build tree, run with --build-dir.
  StudyFolders g(specIn("/src"), "/tmp/mystudy", "/b/build/");
  EXPECT_EQ(g.mask("/b/build/tool /tmp/mystudy"), "<build-dir>/tool <study-folder>");
}

TEST(StudyFolders, RootOrRelativeFoldersMaskNothing) {
  StudyFolders f(specIn("/"));
  EXPECT_EQ(f.mask("/usr/bin/python3"), "/usr/bin/python3");
  StudyFolders g(specIn("relative"));
  EXPECT_EQ(g.mask("relative/x"), "relative/x");
}
