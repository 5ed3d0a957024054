#include "runtime/spec/study_folders.h"

#include "runtime/support/file_util.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace hpoc::rt {

namespace fs = std::filesystem;

namespace {
std::string withoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/')
    path.pop_back();
  return path;
}

bool isNameByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

/// A mention starts where no path does (so "/x/a" holds no mention of "/a")
/// and ends where a name does.
bool startsMention(const std::string& text, std::size_t at) {
  return at == 0 || !(isNameByte(text[at - 1]) || text[at - 1] == '/');
}

bool endsMention(const std::string& text, std::size_t end) {
  return end >= text.size() || !isNameByte(text[end]);
}
} // namespace

StudyFolders::StudyFolders(const StudySpec& spec) {
  add(spec.sourceDir, kSourceDirPlaceholder);
}

StudyFolders::StudyFolders(const StudySpec& spec, const std::string& studyDir,
                           const std::string& buildDir)
    : StudyFolders(spec.sourceDir, studyDir, buildDir) {}

StudyFolders::StudyFolders(const std::string& sourceDir, const std::string& studyDir,
                           const std::string& buildDir) {
  add(sourceDir, kSourceDirPlaceholder);
  std::string study = withoutTrailingSlash(absolutePath(studyDir));
  add(study, kStudyFolderPlaceholder);
  fs::path parent = fs::path(study).parent_path();
  if (!buildDir.empty())
    add(absolutePath(buildDir), kBuildDirPlaceholder);
  else if (parent.filename() == "hpo")
    add(parent.parent_path().string(), kBuildDirPlaceholder);
}

void StudyFolders::add(const std::string& folder, const std::string& placeholder) {
  std::string f = withoutTrailingSlash(folder);
  if (f.size() < 2 || f.front() != '/')
    return; // "/" or a relative path would mask too much
  folders_.emplace_back(f, placeholder);
  std::stable_sort(folders_.begin(), folders_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string StudyFolders::mask(const std::string& text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (text[i] == '/' && startsMention(text, i)) {
      for (const auto& [folder, placeholder] : folders_) {
        if (text.compare(i, folder.size(), folder) == 0 && endsMention(text, i + folder.size())) {
          out += placeholder;
          i += folder.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced)
      out += text[i++];
  }
  return out;
}

} // namespace hpoc::rt
