// The absolute folders a study's text can mention that differ between copies of
// the same study: its folder in the build tree, the build tree, and the folder of
// its .hpo file. Text that is hashed (a trial's identity) or that reaches a cached
// LLM request (a failed trial's error output) names them by placeholder instead,
// so a study moved, copied or rebuilt on another path keeps its trial ids and its
// LLM cache keys (docs/files.md, "Moving and sharing a study").
#pragma once

#include "runtime/spec/study_spec.h"

#include <string>
#include <utility>
#include <vector>

namespace hpoc::rt {

/// Folders paired with the placeholder that stands for each, longest first.
class StudyFolders {
public:
  /// `studyDir` is hpo/<study>. The build tree is `buildDir` when given (the
  /// runner's --build-dir), else the parent of studyDir's parent when that is
  /// named `hpo` (as hpoc_add_study lays it out).
  StudyFolders(const StudySpec& spec, const std::string& studyDir,
               const std::string& buildDir = "");
  /// Only the .hpo file's folder, `{study_dir}` (what that placeholder expands to).
  explicit StudyFolders(const StudySpec& spec);
  /// The same from the folders alone (a trial's plan names them).
  StudyFolders(const std::string& sourceDir, const std::string& studyDir,
               const std::string& buildDir = "");

  /// `text` with every mention of a folder replaced by its placeholder. A
  /// mention ends at a path boundary: "/a/b" is masked in "/a/b/c" and "/a/b",
  /// not in "/a/bc".
  std::string mask(const std::string& text) const;

private:
  void add(const std::string& folder, const std::string& placeholder);

  std::vector<std::pair<std::string, std::string>> folders_;
};

/// The placeholders mask() writes.
inline constexpr const char* kSourceDirPlaceholder = "{study_dir}";
inline constexpr const char* kStudyFolderPlaceholder = "<study-folder>";
inline constexpr const char* kBuildDirPlaceholder = "<build-dir>";

} // namespace hpoc::rt
