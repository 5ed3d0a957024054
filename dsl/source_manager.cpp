#include "dsl/source_manager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace hpoc::dsl {

bool SourceManager::loadFile(const std::string& path, std::uint32_t* id, std::string* err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *err = "cannot open '" + path + "': " + std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    *err = "cannot read '" + path + "'";
    return false;
  }
  std::string text = std::move(buf).str();
  if (text.size() >= UINT32_MAX) {
    *err = "'" + path + "' is too large (4 GiB or more)";
    return false;
  }
  *id = addBuffer(path, std::move(text));
  return true;
}

std::uint32_t SourceManager::addBuffer(std::string name, std::string text) {
  File f{std::move(name), std::move(text), {0}};
  for (std::uint32_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n')
      f.lineStarts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<std::uint32_t>(files_.size());
}

std::string_view SourceManager::text(std::uint32_t id) const {
  return file(id).text;
}
std::string_view SourceManager::name(std::uint32_t id) const {
  return file(id).name;
}

std::uint32_t SourceManager::lineStart(SourceLoc loc) const {
  const File& f = file(loc.file);
  auto it = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), loc.offset);
  return *(it - 1);
}

PresumedLoc SourceManager::presumed(SourceLoc loc) const {
  if (!loc.valid())
    return {};
  const File& f = file(loc.file);
  auto it = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), loc.offset);
  auto line = static_cast<std::uint32_t>(it - f.lineStarts.begin());
  return {f.name, line, loc.offset - *(it - 1) + 1};
}

std::string_view SourceManager::lineText(SourceLoc loc) const {
  std::string_view t = file(loc.file).text;
  std::uint32_t start = lineStart(loc);
  std::size_t end = t.find('\n', start);
  if (end == std::string_view::npos)
    end = t.size();
  std::string_view line = t.substr(start, end - start);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}

} // namespace hpoc::dsl
