// The text of every file a compilation reads, and the mapping from byte offsets
// to lines and columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpoc::dsl {

/// A position in a loaded file. Offsets are bytes; lines and columns are 1-based
/// and computed on demand, so a location stays two words wide.
struct SourceLoc {
  std::uint32_t file = 0;   ///< index into the SourceManager; 0 means "no file"
  std::uint32_t offset = 0; ///< byte offset into that file's text

  bool valid() const { return file != 0; }
};

/// A half-open byte range [begin, end) inside one file.
struct SourceRange {
  SourceLoc begin;
  std::uint32_t end = 0; ///< byte offset one past the last byte

  std::uint32_t length() const { return end > begin.offset ? end - begin.offset : 0; }
};

/// Line and column of a location, for printing.
struct PresumedLoc {
  std::string_view file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// Owns file contents for the lifetime of a compilation. Diagnostics and the AST
/// refer to text by SourceLoc, never by pointer, so files may be added at any time.
class SourceManager {
public:
  /// Reads `path` from disk. Returns false and sets `*err` when it cannot be read.
  bool loadFile(const std::string& path, std::uint32_t* id, std::string* err);
  /// Registers text that did not come from disk (tests, generated input).
  std::uint32_t addBuffer(std::string name, std::string text);

  std::string_view text(std::uint32_t file) const;
  std::string_view name(std::uint32_t file) const;
  PresumedLoc presumed(SourceLoc loc) const;
  /// The whole line holding `loc`, without its newline.
  std::string_view lineText(SourceLoc loc) const;
  /// Byte offset of the first byte of the line holding `loc`.
  std::uint32_t lineStart(SourceLoc loc) const;

private:
  struct File {
    std::string name;
    std::string text;
    std::vector<std::uint32_t> lineStarts;
  };
  const File& file(std::uint32_t id) const { return files_[id - 1]; }
  std::vector<File> files_;
};

} // namespace hpoc::dsl
