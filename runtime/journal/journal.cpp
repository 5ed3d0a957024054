#include "runtime/journal/journal.h"

#include "runtime/journal/journal_event.h"
#include "runtime/support/file_util.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/file.h>
#include <unistd.h>

namespace hpoc::rt {

namespace {

/// A parse error's text, printable: bytes outside ASCII are shown as \xNN, so
/// that a message about invalid UTF-8 is itself valid UTF-8.
std::string printable(std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// Why `line` is not a journal event, or "" when it is one (then `*event` holds it).
std::string readEventLine(const std::string& line, nlohmann::json* event) {
  try {
    *event = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for 1e999
    std::string what = e.what();
    std::size_t at = what.find("] ");
    return "not valid JSON: " + printable(at == std::string::npos ? what : what.substr(at + 2));
  }
  std::string why;
  return checkJournalEvent(*event, &why) ? std::string() : why;
}

} // namespace

bool parseJournal(const std::string& text, const std::string& path,
                  std::vector<nlohmann::json>* events, std::size_t* validBytes,
                  Journal::LoadInfo* info, std::string* err) {
  constexpr int kMaxReported = 10;
  std::size_t pos = 0;
  int lineNo = 0, damaged = 0;
  std::string problems;
  *validBytes = 0;
  while (pos < text.size()) {
    ++lineNo;
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      // Only a line without its newline can be the torn end of an append.
      info->droppedTail = true;
      info->tailText = printable(std::string_view(text).substr(pos, 80));
      break;
    }
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty())
      continue;
    nlohmann::json event;
    std::string why = readEventLine(line, &event);
    if (!why.empty()) {
      if (++damaged <= kMaxReported)
        problems += path + ":" + std::to_string(lineNo) + ": " + why + "\n";
      continue;
    }
    events->push_back(std::move(event));
    info->eventLines.push_back(lineNo);
  }
  if (damaged > 0) {
    if (damaged > kMaxReported)
      problems += "(and " + std::to_string(damaged - kMaxReported) + " more damaged lines)\n";
    *err = problems + "the journal " + path + " is damaged: " + std::to_string(damaged) +
           (damaged == 1 ? " complete line is not a valid event"
                         : " complete lines are not valid events") +
           ".\n  Nothing was changed. Repair or remove the line (a backup of the file is wise),\n"
           "  or move the journal away to start the study afresh.";
    events->clear();
    info->eventLines.clear();
    return false;
  }
  *validBytes = pos; // the start of a torn last line, else the whole text
  return true;
}

std::unique_ptr<Journal> Journal::open(const std::string& path, std::vector<nlohmann::json>* events,
                                       LoadInfo* info, std::string* err) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot open the study's journal " + path + ": " + std::strerror(errno) +
           " (is the build tree writable?)";
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd);
    if (e == EWOULDBLOCK) {
      std::string pid, ignored;
      readFile(joinPath(path.substr(0, path.rfind('/')), "runner.pid"), &pid, &ignored);
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
        pid.pop_back();
      *err = "another runner is working on this study (" + path + " is locked" +
             (pid.empty() ? "" : " by process " + pid) +
             "); wait for it to finish or stop it, then run again";
    } else {
      *err = "cannot lock " + path + ": " + std::strerror(e);
    }
    return nullptr;
  }
  std::unique_ptr<Journal> journal(new Journal(path, fd));
  std::string text;
  if (!readFile(path, &text, err))
    return nullptr;
  std::size_t valid = 0;
  if (!parseJournal(text, path, events, &valid, info, err))
    return nullptr;
  if (valid < text.size() && ::ftruncate(fd, static_cast<off_t>(valid)) != 0) {
    *err = "cannot cut the unfinished last line of " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return journal;
}

Journal::~Journal() {
  if (fd_ >= 0)
    ::close(fd_); // releases the lock
}

bool Journal::append(const nlohmann::json& event, std::string* err) {
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *err = "cannot append to " + path_ + ": " + std::strerror(errno);
      return false;
    }
    p += n, left -= static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    *err = "cannot sync " + path_ + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

} // namespace hpoc::rt
