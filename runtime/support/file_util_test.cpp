#include "runtime/support/file_util.h"
#include "runtime/support/utf8.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
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

TEST_F(FileTailTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // Latin-1 text and a stray byte, as a trainer may write; the tail goes into JSON.
  write("caf\xE9 \xFF ok \xE2\x82\xAC\n");
  EXPECT_EQ(fileTail(path_, 100), "caf\xEF\xBF\xBD \xEF\xBF\xBD ok \xE2\x82\xAC\n");
}

TEST_F(FileTailTest, ACutNeverSplitsACharacter) {
  // One long line of three-byte characters (a progress bar's blocks): a cut at any
  // byte count keeps whole characters only.
  std::string blocks;
  for (int i = 0; i < 100; ++i)
    blocks += "\xE2\x96\x88";
  write(blocks);
  for (std::size_t max : {10, 11, 12}) {
    std::string tail = fileTail(path_, max);
    EXPECT_EQ(tail, std::string(blocks, 0, max / 3 * 3)) << max;
  }
}

TEST(Utf8, ValidTextIsKeptAndEveryBadByteReplaced) {
  EXPECT_EQ(validUtf8("plain \xC3\xA4 \xF0\x9F\x98\x80"), "plain \xC3\xA4 \xF0\x9F\x98\x80");
  EXPECT_EQ(validUtf8("\xC3"), "\xEF\xBF\xBD");                                 // truncated
  EXPECT_EQ(validUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                 // overlong
  EXPECT_EQ(validUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
  EXPECT_EQ(validUtf8("\xF4\x90\x80\x80").size(), 12u);                         // above U+10FFFF
  EXPECT_EQ(utf8SequenceLength("\xF4\x8F\xBF\xBF"), 4u);                        // U+10FFFF itself
}

TEST_F(FileTailTest, AHugeLogIsReadFromItsEnd) {
  std::string bar;
  for (int i = 0; i < 200000; ++i)
    bar += "\r" + std::to_string(i % 100) + "%|####|";
  write("early line\n" + bar + "\nValueError: the end\n");
  std::string tail = fileTail(path_, 2000);
  EXPECT_EQ(tail, "ValueError: the end\n") << "the bar's line was cut, so the tail starts after it";
}

TEST_F(FileTailTest, MissingFileIsEmpty) {
  EXPECT_EQ(fileTail(path_ + ".absent", 100), "");
}

} // namespace
} // namespace hpoc::rt
