// The study's journal: hpo/<study>/journal.jsonl, one JSON event a line, appended
// under an exclusive lock and fsync'd before the runner acts on it. It is the
// source of truth for resuming: whatever the journal holds happened; whatever it
// lacks is done again.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpoc::rt {

class Journal {
public:
  /// What loading found besides the events.
  struct LoadInfo {
    bool droppedTail = false;    ///< an unfinished last line was ignored and cut off
    std::string tailText;        ///< its first bytes, for the message
    std::vector<int> eventLines; ///< the line number of each event read, for messages
  };

  /// Opens (creating) the journal at `path`, takes its lock, reads its events.
  /// Fails when another process holds the lock (a second runner), when a
  /// complete line (one that ends in a newline) is not a valid event (the file
  /// was damaged: every such line is named, and nothing is changed), or when the
  /// file cannot be created (an unwritable build tree). An unfinished last line
  /// (no newline), left by a crash in the middle of an append, is ignored and cut
  /// off so that the next append starts on a fresh line; a complete line is never
  /// rewritten or cut.
  static std::unique_ptr<Journal> open(const std::string& path, std::vector<nlohmann::json>* events,
                                       LoadInfo* info, std::string* err);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Appends one event as one line (a single write) and fsyncs it.
  bool append(const nlohmann::json& event, std::string* err);

  const std::string& path() const { return path_; }

private:
  Journal(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

/// Parses journal text. Exposed for tests and tools; `open` uses it.
/// `validBytes` receives the length of the prefix that holds complete events.
bool parseJournal(const std::string& text, const std::string& path,
                  std::vector<nlohmann::json>* events, std::size_t* validBytes,
                  Journal::LoadInfo* info, std::string* err);

} // namespace hpoc::rt
