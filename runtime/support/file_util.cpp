#include "runtime/support/file_util.h"

#include "runtime/support/utf8.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace hpoc::rt {

namespace {
std::string sysError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}
} // namespace

bool readFile(const std::string& path, std::string* out, std::string* err, std::size_t lastBytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = sysError("cannot read", path);
    return false;
  }
  out->clear();
  struct stat st {};
  if (lastBytes && ::fstat(fd, &st) == 0 && st.st_size > static_cast<off_t>(lastBytes))
    ::lseek(fd, st.st_size - static_cast<off_t>(lastBytes), SEEK_SET);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *err = sysError("cannot read", path);
      ::close(fd);
      return false;
    }
    if (n == 0)
      break;
    out->append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

bool writeFileAtomic(const std::string& path, const std::string& data, std::string* err,
                     bool durable) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = sysError("cannot write", tmp);
    return false;
  }
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *err = sysError("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    p += n, left -= static_cast<std::size_t>(n);
  }
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) {
    *err = sysError("cannot write", tmp);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *err = sysError("cannot rename onto", path);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool writeFileIfChanged(const std::string& path, const std::string& data, std::string* err,
                        bool* changed, bool durable) {
  std::string old, ignored;
  if (readFile(path, &old, &ignored) && old == data) {
    if (changed)
      *changed = false;
    return true;
  }
  if (changed)
    *changed = true;
  return writeFileAtomic(path, data, err, durable);
}

bool makeDirs(const std::string& path, std::string* err) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    *err = "cannot create the folder " + path + ": " + ec.message();
    return false;
  }
  if (::access(path.c_str(), W_OK) != 0) {
    *err = sysError("cannot write in the folder", path);
    return false;
  }
  return true;
}

bool pathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool removeFile(const std::string& path, std::string* err) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    *err = sysError("cannot remove", path);
    return false;
  }
  return true;
}

std::string fileTail(const std::string& path, std::size_t maxBytes) {
  // Reads no more than the end of the file: a trainer's log may be huge.
  std::size_t window = std::max<std::size_t>(maxBytes * 16, 64 * 1024);
  std::string data, err;
  if (!readFile(path, &data, &err, window))
    return "";
  if (data.size() == window) { // start at a line start
    std::size_t nl = data.find('\n');
    data = nl == std::string::npos ? std::string() : data.substr(nl + 1);
  }
  // A line a progress bar redrew after '\r' keeps only its last drawing, as a
  // terminal shows it (a "\r\n" line ending keeps the line).
  std::string shown;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i <= data.size(); ++i) {
    if (i < data.size() && data[i] != '\n')
      continue;
    std::string_view line(data.data() + lineStart, i - lineStart);
    while (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (std::size_t cr = line.rfind('\r'); cr != std::string_view::npos)
      line.remove_prefix(cr + 1);
    shown.append(line);
    if (i < data.size())
      shown.push_back('\n');
    lineStart = i + 1;
  }
  // A trainer may write any bytes; the tail goes into JSON, which holds UTF-8 only.
  if (shown.size() <= maxBytes)
    return validUtf8(shown);
  std::size_t from = shown.size() - maxBytes;
  while (from < shown.size() && (static_cast<unsigned char>(shown[from]) & 0xC0) == 0x80)
    ++from; // not into the middle of a character
  std::string tail = shown.substr(from);
  std::size_t nl = tail.find('\n');
  if (nl != std::string::npos && nl + 1 < tail.size())
    tail = tail.substr(nl + 1);
  return validUtf8(tail);
}

std::string joinPath(const std::string& a, const std::string& b) {
  if (a.empty() || (!b.empty() && b.front() == '/'))
    return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}

std::string absolutePath(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

} // namespace hpoc::rt
