// Helpers shared by the runtime's unit tests: a temporary folder and a small study.
#pragma once

#include "runtime/study_spec.h"

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

/// lr (float, log), layers (int), opt {adam, sgd}, momentum when opt == sgd, batch {32, 64}.
inline StudySpec smallStudy() {
  StudySpec s;
  s.name = "small";
  s.goal.metric = "acc";
  s.space.push_back(ParamSpec::floatRange("lr", 1e-5, 1e-1).logScale().describe("Learning rate."));
  s.space.push_back(ParamSpec::intRange("layers", 1, 4));
  s.space.push_back(ParamSpec::categorical("opt", {"adam", "sgd"}));
  s.space.push_back(ParamSpec::floatRange("momentum", 0.5, 0.99)
                        .onlyWhen(Condition::compare("opt", Condition::Op::Eq, "sgd")));
  s.space.push_back(ParamSpec::ordinal("batch", {32, 64}));
  return s;
}

} // namespace hpoc::rt::testsupport
