#include "runtime/llm/model_files.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace hpoc::llm {
namespace {

namespace fs = std::filesystem;

class ModelFilesTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("hpoc-model-files-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  fs::path dir_;
};

TEST_F(ModelFilesTest, AcceptsAGgufHeader) {
  std::string err;
  EXPECT_TRUE(checkGgufFile(write("ok.gguf", std::string("GGUF\x03\0\0\0rest", 12)), &err)) << err;
}

TEST_F(ModelFilesTest, MissingFileNamesTheBootstrap) {
  std::string err;
  EXPECT_FALSE(checkGgufFile((dir_ / "absent.gguf").string(), &err));
  EXPECT_NE(err.find("not found"), std::string::npos) << err;
  EXPECT_NE(err.find("run scripts/bootstrap-llm.sh"), std::string::npos) << err;
}

TEST_F(ModelFilesTest, CorruptFileNamesTheBootstrap) {
  std::string err;
  EXPECT_FALSE(checkGgufFile(write("html.gguf", "<html>not a model</html>"), &err));
  EXPECT_NE(err.find("bad magic"), std::string::npos) << err;
  EXPECT_NE(err.find("run scripts/bootstrap-llm.sh"), std::string::npos) << err;
  EXPECT_FALSE(checkGgufFile(write("short.gguf", "GGU"), &err));
  EXPECT_FALSE(checkGgufFile(write("v9.gguf", std::string("GGUF\x09\0\0\0", 8)), &err));
  EXPECT_NE(err.find("version 9"), std::string::npos) << err;
}

TEST_F(ModelFilesTest, ServerBinaryMustBeExecutable) {
  std::string err;
  std::string path = write("llama-server", "#!/bin/sh\n");
  EXPECT_FALSE(checkServerBinary(path, &err));
  EXPECT_NE(err.find("run scripts/bootstrap-llm.sh"), std::string::npos);
  fs::permissions(path, fs::perms::owner_exec, fs::perm_options::add);
  EXPECT_TRUE(checkServerBinary(path, &err)) << err;
}

TEST(ModelPathsTest, NamesResolveInTheCacheAndPathsStayPaths) {
  EXPECT_EQ(resolveModelPath("tiny", "/c"), "/c/models/tiny.gguf");
  EXPECT_EQ(resolveModelPath("./x.gguf", "/c"), "./x.gguf");
  EXPECT_EQ(resolveModelPath("x.gguf", "/c"), "x.gguf");
  EXPECT_EQ(modelNameFromPath("/c/models/tiny.gguf"), "tiny");
  auto env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "HOME")
      return "/home/u";
    return std::nullopt;
  };
  EXPECT_EQ(cacheDirectory(env), "/home/u/.cache/hpoc");
  EXPECT_EQ(defaultServerPath("/c", env), "/c/llama.cpp/build/bin/llama-server");
}

} // namespace
} // namespace hpoc::llm
