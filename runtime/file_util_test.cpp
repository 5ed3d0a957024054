#include "runtime/file_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace hpoc::rt {
namespace {

class FileTailTest : public ::testing::Test {
protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("hpoc-file-tail-" + std::to_string(::getpid()) + ".log"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  void write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
  std::string path_;
};

TEST_F(FileTailTest, ShortFileWhole) {
  write("one\ntwo\n");
  EXPECT_EQ(fileTail(path_, 100), "one\ntwo\n");
}

TEST_F(FileTailTest, CutAtALineStart) {
  write("first line\nsecond line\nthird\n");
  EXPECT_EQ(fileTail(path_, 14), "third\n");
}

TEST_F(FileTailTest, AProgressBarKeepsItsLastDrawing) {
  write("start\r\n 10%|#    |\r 50%|###  |\r100%|#####|\nTraceback: boom\n");
  EXPECT_EQ(fileTail(path_, 100), "start\n100%|#####|\nTraceback: boom\n");
}

TEST_F(FileTailTest, AHugeLogIsReadFromItsEnd) {
  std::string bar;
  for (int i = 0; i < 200000; ++i)
    bar += "\r" + std::to_string(i % 100) + "%|####|";
  write("early line\n" + bar + "\nValueError: the end\n");
  std::string tail = fileTail(path_, 2000);
  EXPECT_EQ(tail, "ValueError: the end\n") << "the bar's line was cut, so the tail starts after it";
}

TEST_F(FileTailTest, MissingFileIsEmpty) { EXPECT_EQ(fileTail(path_ + ".absent", 100), ""); }

} // namespace
} // namespace hpoc::rt
