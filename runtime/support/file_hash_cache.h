// Content hashes of the files a trial depends on (the trainer's binary or script,
// the dataset), remembered by path, size, mtime and inode so that a rerun of a
// finished study does not read its data set again. The file is a cache: damage
// is detected by a checksum and repaired by hashing again, never trusted.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hpoc::rt {

class FileHashCache {
public:
  /// `cacheFile` holds the remembered hashes (JSON); empty: remember nothing.
  explicit FileHashCache(std::string cacheFile);

  /// Loads the remembered hashes. The file stores a SHA-256 of its entries beside
  /// them: a file that fails that check (or is not the cache's JSON) is damaged,
  /// so nothing in it is trusted and every file is hashed again. Returns a
  /// one-line notice saying so, or "" (also for a missing cache, which is just
  /// empty). The next save() writes a sound file, so the notice comes once.
  std::string load();
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
