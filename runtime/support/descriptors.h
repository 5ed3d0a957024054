#pragma once
// What a child process of the runtime inherits: between fork and exec, every
// descriptor from `first` on is marked close-on-exec, so that a trainer or the
// LLM server gets its standard streams and nothing the runner inherited (a build
// tool's output pipe, say, which a process left running would keep open).

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hpoc::rt {

/// Async-signal-safe; for the child between fork and exec.
inline void closeOnExecFrom(int first) {
#if defined(SYS_close_range)
  if (::syscall(SYS_close_range, static_cast<unsigned>(first), ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) ==
      0)
    return;
#endif
  long last = ::sysconf(_SC_OPEN_MAX);
  if (last < 0 || last > 65536)
    last = 65536;
  for (int fd = first; fd < last; ++fd)
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

} // namespace hpoc::rt
