// Small POSIX file helpers with errors as values. Every file a study leaves is
// written through these, so a crash never leaves a half-written file behind a
// name that readers trust.
#pragma once

#include <string>

namespace hpoc::rt {

/// Reads a whole file, or only its last `lastBytes` when that is not 0. False (with
/// `err`) when it is missing or unreadable.
bool readFile(const std::string& path, std::string* out, std::string* err,
              std::size_t lastBytes = 0);

/// Writes `data` to a temporary file beside `path`, fsyncs it (when `durable`)
/// and renames it over `path`: readers see the old bytes or the new ones, never
/// a mix. Files that can be rebuilt from others skip the fsync, which costs
/// milliseconds per call.
bool writeFileAtomic(const std::string& path, const std::string& data, std::string* err,
                     bool durable = true);

/// Like writeFileAtomic, but leaves the file (and its mtime) alone when it already
/// holds `data`. Sets `*changed` when given. This keeps Ninja's mtime view exact.
bool writeFileIfChanged(const std::string& path, const std::string& data, std::string* err,
                        bool* changed = nullptr, bool durable = true);

/// mkdir -p. The error names the path and the reason (a read-only build tree, say).
bool makeDirs(const std::string& path, std::string* err);

/// True when `path` exists (any type).
bool pathExists(const std::string& path);

/// Removes a file if present; a missing file is not an error.
bool removeFile(const std::string& path, std::string* err);

/// The last `maxBytes` of a file as a terminal would show it (a line redrawn after
/// '\r' keeps its last drawing), cut at a line start when possible; reads only the
/// end of a large file; empty when unreadable.
std::string fileTail(const std::string& path, std::size_t maxBytes);

/// Joins two path pieces with one slash.
std::string joinPath(const std::string& a, const std::string& b);

/// Absolute form of `path` (relative to the current directory), without resolving links.
std::string absolutePath(const std::string& path);

} // namespace hpoc::rt
