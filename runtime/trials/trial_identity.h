// A trial's identity: the SHA-256 of one canonical JSON document naming every
// input that can change its outcome. The fields that go in are listed here and
// nowhere else; everything else in the study (names, descriptions, the task
// text, the budget, paths of the build tree) is excluded on purpose, so editing
// it keeps every trial cached. Absolute folders of the study (its .hpo file's
// folder, the build tree) are written as placeholders (study_folders.h), so a
// study moved or rebuilt on another path keeps its ids.
#pragma once

#include "runtime/spec/study_spec.h"
#include "runtime/support/file_hash_cache.h"

#include <string>

namespace hpoc::rt {

/// Bumped when the meaning of a trial's files changes; part of every identity.
inline constexpr int kTrialProtocolVersion = 1;

/// What all trials of one run share.
struct TrialInputs {
  /// {"kind": "binary", "sha256": ..., "args": "<template>"} for a CMake target,
  /// {"kind": "command", "command": "<template>", "depends": {path: sha256}} otherwise.
  nlohmann::json trainer;
  nlohmann::json dataset; ///< {path as written: sha256}
  std::int64_t seed = 0;
  /// {"version", "config", "metrics", "patterns"}: how the trainer is spoken to.
  nlohmann::json protocol;
};

/// Hashes the trainer (its binary `trainerBinary`, or the command's declared
/// dependencies) and the dataset's files. `command` is the command line
/// template in force (the study's, or the one CMake passed). Relative paths are
/// relative to spec.sourceDir. `studyDir` (hpo/<study>) and `buildDir`, when
/// given, name the build tree (see StudyFolders), which is then hashed as a
/// placeholder.
bool computeTrialInputs(const StudySpec& spec, const std::string& trainerBinary,
                        const std::string& command, FileHashCache& hashes, TrialInputs* out,
                        std::string* err, const std::string& studyDir = "",
                        const std::string& buildDir = "");

/// The document whose hash is the trial id (kept in the trial's folder for `diff`).
nlohmann::json identityDocument(const TrialInputs& inputs, const Config& canonicalConfig);

/// SHA-256 hex of identityDocument's canonical JSON.
std::string trialId(const TrialInputs& inputs, const Config& canonicalConfig);

/// A path of the study, made absolute against spec.sourceDir.
std::string studyPath(const StudySpec& spec, const std::string& path);

} // namespace hpoc::rt
