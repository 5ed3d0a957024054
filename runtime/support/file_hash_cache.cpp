#include "runtime/support/file_hash_cache.h"

#include "runtime/support/file_util.h"
#include "runtime/support/sha256.h"

#include <algorithm>
#include <filesystem>
#include <sys/stat.h>
#include <vector>

namespace hpoc::rt {

FileHashCache::FileHashCache(std::string cacheFile) : cacheFile_(std::move(cacheFile)) {}

namespace {

/// The checksum stored beside the entries: SHA-256 of their canonical dump.
std::string entriesChecksum(const nlohmann::json& entries) {
  return sha256Hex(entries.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

/// An entry as hashFile writes it: {"key": {...}, "sha256": 64 hex digits}.
bool isSoundEntry(const nlohmann::json& e) {
  if (!e.is_object() || !e.contains("key") || !e["key"].is_object() || !e.contains("sha256") ||
      !e["sha256"].is_string())
    return false;
  const std::string& hex = e["sha256"].get_ref<const std::string&>();
  return hex.size() == 64 && hex.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

std::string FileHashCache::load() {
  std::string text, err;
  if (cacheFile_.empty() || !pathExists(cacheFile_) || !readFile(cacheFile_, &text, &err))
    return "";
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  bool sound = j.is_object() && j.contains("entries") && j["entries"].is_object() &&
               j.contains("sha256") && j["sha256"].is_string() &&
               j["sha256"].get_ref<const std::string&>() == entriesChecksum(j["entries"]);
  if (sound)
    for (const auto& e : j["entries"])
      sound = sound && isSoundEntry(e);
  if (!sound) {
    dirty_ = true; // rewritten whole at the next save
    return cacheFile_ + " is damaged (its checksum does not match its entries); the study's "
                        "files are hashed again and the cache is rebuilt";
  }
  entries_ = std::move(j["entries"]);
  return "";
}

bool FileHashCache::save(std::string* err) {
  if (cacheFile_.empty() || !dirty_)
    return true;
  dirty_ = false;
  nlohmann::json doc = {{"entries", entries_}, {"sha256", entriesChecksum(entries_)}};
  return writeFileAtomic(cacheFile_, doc.dump(1) + "\n", err, false);
}

bool FileHashCache::hashFile(const std::string& path, std::string* hex, std::string* err) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *err = "cannot read " + path + ": no such file";
    return false;
  }
  // The file's identity as the file system sees it; any write changes mtime.
  nlohmann::json key = {
      {"size", st.st_size},
      {"mtime_ns", std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec},
      {"inode", st.st_ino}};
  auto it = entries_.find(path);
  if (it != entries_.end() && (*it)["key"] == key) {
    *hex = (*it)["sha256"].get<std::string>();
    return true;
  }
  ++filesRead_;
  if (!sha256File(path, hex, err))
    return false;
  entries_[path] = {{"key", key}, {"sha256", *hex}};
  dirty_ = true;
  return true;
}

bool FileHashCache::hashPath(const std::string& path, std::string* hex, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec))
    return hashFile(path, hex, err);
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec))
      files.push_back(it->path().string());
  if (ec) {
    *err = "cannot list " + path + ": " + ec.message();
    return false;
  }
  std::sort(files.begin(), files.end());
  Sha256 h;
  for (const std::string& f : files) {
    std::string fileHex;
    if (!hashFile(f, &fileHex, err))
      return false;
    h.update(std::filesystem::relative(f, path).string());
    h.update("\0", 1);
    h.update(fileHex);
    h.update("\n");
  }
  *hex = h.hex();
  return true;
}

} // namespace hpoc::rt
