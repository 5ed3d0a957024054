#include "runtime/journal.h"

#include "runtime/file_util.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace hpoc::rt {

bool parseJournal(const std::string& text, const std::string& path,
                  std::vector<nlohmann::json>* events, std::size_t* validBytes,
                  Journal::LoadInfo* info, std::string* err) {
  std::size_t pos = 0;
  int lineNo = 0;
  *validBytes = 0;
  while (pos < text.size()) {
    ++lineNo;
    std::size_t nl = text.find('\n', pos);
    bool complete = nl != std::string::npos;
    std::size_t end = complete ? nl : text.size();
    std::string line = text.substr(pos, end - pos);
    std::size_t next = complete ? nl + 1 : text.size();
    bool last = next >= text.size();
    if (line.empty() && complete) {
      pos = next;
      *validBytes = pos;
      continue;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    bool ok = complete && !j.is_discarded() && j.is_object() && j.contains("event");
    if (!ok) {
      if (last) {
        info->droppedTail = true;
        info->tailText = line.substr(0, 80);
        return true;
      }
      *err = path + ":" + std::to_string(lineNo) +
             ": the journal is damaged: this line is not an event, and events follow it.\n"
             "  Nothing was changed. Repair or remove the line (a backup of the file is wise),\n"
             "  or move the journal away to start the study afresh.";
      return false;
    }
    events->push_back(std::move(j));
    pos = next;
    *validBytes = pos;
  }
  return true;
}

std::unique_ptr<Journal> Journal::open(const std::string& path,
                                       std::vector<nlohmann::json>* events, LoadInfo* info,
                                       std::string* err) {
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
