// A temporary folder for unit tests, removed with the object.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace hpoc::rt::testsupport {

/// A fresh folder under $TMPDIR, removed with the object.
class TempDir {
public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hpoc-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};

} // namespace hpoc::rt::testsupport
