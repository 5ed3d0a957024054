// Content hashes of the files a trial depends on (the trainer's binary or script,
// the dataset), remembered by path, size, mtime and inode so that a rerun of a
// finished study does not read its data set again.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace hpoc::rt {

class FileHashCache {
public:
  /// `cacheFile` holds the remembered hashes (JSON); empty: remember nothing.
  explicit FileHashCache(std::string cacheFile);

  /// Loads the remembered hashes; a missing or unreadable cache is just empty.
  void load();
  /// Saves them if anything changed.
  bool save(std::string* err);

  /// SHA-256 of a file's bytes, or of a folder (its files' relative paths and
  /// hashes, sorted). False with `err` when the path does not exist.
  bool hashPath(const std::string& path, std::string* hex, std::string* err);

  /// How many files were actually read (not answered from the cache); for tests.
  int filesRead() const { return filesRead_; }

private:
  bool hashFile(const std::string& path, std::string* hex, std::string* err);

  std::string cacheFile_;
  nlohmann::json entries_ = nlohmann::json::object();
  bool dirty_ = false;
  int filesRead_ = 0;
};

} // namespace hpoc::rt
