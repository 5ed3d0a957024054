#include "runtime/support/file_hash_cache.h"
#include "runtime/support/file_util.h"
#include "runtime/support/sha256.h"
#include "runtime/support/test_support.h"

#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(FileHashCache, RemembersUnchangedFiles) {
  testsupport::TempDir dir;
  std::string err, hex;
  ASSERT_TRUE(writeFileAtomic(dir.file("a"), "hello", &err));
  {
    FileHashCache cache(dir.file("cache.json"));
    cache.load();
    ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
    EXPECT_EQ(hex, sha256Hex("hello"));
    EXPECT_EQ(cache.filesRead(), 1);
    ASSERT_TRUE(cache.save(&err));
  }
  FileHashCache cache(dir.file("cache.json"));
  cache.load();
  ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
  EXPECT_EQ(cache.filesRead(), 0);
  ASSERT_TRUE(writeFileAtomic(dir.file("a"), "hello!", &err)); // new inode and size
  ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
  EXPECT_EQ(hex, sha256Hex("hello!"));
  EXPECT_EQ(cache.filesRead(), 1);
}

TEST(FileHashCache, FoldersHashTheirFiles) {
  testsupport::TempDir dir;
  std::string err, h1, h2;
  makeDirs(dir.file("d/sub"), &err);
  writeFileAtomic(dir.file("d/x"), "1", &err);
  writeFileAtomic(dir.file("d/sub/y"), "2", &err);
  FileHashCache cache("");
  ASSERT_TRUE(cache.hashPath(dir.file("d"), &h1, &err));
  writeFileAtomic(dir.file("d/sub/y"), "3", &err);
  ASSERT_TRUE(cache.hashPath(dir.file("d"), &h2, &err));
  EXPECT_NE(h1, h2);
  EXPECT_FALSE(cache.hashPath(dir.file("missing"), &h1, &err));
}

TEST(FileHashCache, AFolderCopiedElsewhereHashesTheSame) {
  // Datasets are often folders; their hash must not name where they are.
  testsupport::TempDir a, b;
  std::string err, here, there;
  for (const testsupport::TempDir* root : {&a, &b}) {
    makeDirs(root->file("data/sub"), &err);
    writeFileAtomic(root->file("data/x"), "1", &err);
    writeFileAtomic(root->file("data/sub/y"), "2", &err);
  }
  FileHashCache cache("");
  ASSERT_TRUE(cache.hashPath(a.file("data"), &here, &err)) << err;
  ASSERT_TRUE(cache.hashPath(b.file("data"), &there, &err)) << err;
  EXPECT_EQ(here, there);
}

TEST(FileHashCache, AFlippedDigitIsDetectedReportedOnceAndRebuilt) {
  testsupport::TempDir dir;
  std::string err, hex, text;
  ASSERT_TRUE(writeFileAtomic(dir.file("a"), "hello", &err));
  {
    FileHashCache cache(dir.file("cache.json"));
    EXPECT_EQ(cache.load(), "");
    ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
    ASSERT_TRUE(cache.save(&err));
  }
  ASSERT_TRUE(readFile(dir.file("cache.json"), &text, &err));
  std::string good = sha256Hex("hello");
  std::size_t at = text.find(good);
  ASSERT_NE(at, std::string::npos) << text;
  text[at + 10] = text[at + 10] == '0' ? '1' : '0';
  ASSERT_TRUE(writeFileAtomic(dir.file("cache.json"), text, &err));
  {
    FileHashCache cache(dir.file("cache.json"));
    EXPECT_NE(cache.load().find("cache.json is damaged"), std::string::npos);
    ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
    EXPECT_EQ(hex, good);
    EXPECT_EQ(cache.filesRead(), 1);
    ASSERT_TRUE(cache.save(&err));
  }
  FileHashCache cache(dir.file("cache.json"));
  EXPECT_EQ(cache.load(), "");
  ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
  EXPECT_EQ(cache.filesRead(), 0);
}

TEST(FileHashCache, AnEntryOfTheWrongShapeIsDamageNotACrash) {
  testsupport::TempDir dir;
  std::string err, hex;
  ASSERT_TRUE(writeFileAtomic(dir.file("a"), "hello", &err));
  nlohmann::json entries = {{dir.file("a"), "not an entry"}};
  nlohmann::json doc = {{"entries", entries}, {"sha256", sha256Hex(entries.dump())}};
  ASSERT_TRUE(writeFileAtomic(dir.file("cache.json"), doc.dump(), &err));
  FileHashCache cache(dir.file("cache.json"));
  EXPECT_NE(cache.load(), "");
  ASSERT_TRUE(cache.hashPath(dir.file("a"), &hex, &err));
  EXPECT_EQ(hex, sha256Hex("hello"));
}
