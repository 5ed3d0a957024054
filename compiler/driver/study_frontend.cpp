#include "compiler/driver/study_frontend.h"

#include "dsl/parser.h"

#include <filesystem>

namespace hpoc::driver {

std::unique_ptr<Frontend> runFrontend(const std::string& path, const sema::CheckOptions& options) {
  auto fe = std::make_unique<Frontend>();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    fe->diags.fileError(path, "is a directory, not a study file");
    return fe;
  }
  std::string err;
  if (!fe->sources.loadFile(path, &fe->fileId, &err)) {
    fe->diags.fileError(path, err);
    return fe;
  }
  std::string_view text = fe->sources.text(fe->fileId);
  // A binary file would give one error per stray byte; say what it is once.
  if (std::size_t nul = text.substr(0, 4096).find('\0'); nul != std::string_view::npos) {
    auto at = static_cast<std::uint32_t>(nul);
    fe->diags.error({{fe->fileId, at}, at + 1},
                    "this is not a text file (it holds a NUL byte); a study file is UTF-8 text");
    return fe;
  }
  fe->file = dsl::parseStudyFile(fe->sources, fe->fileId, fe->diags);
  if (fe->diags.hasErrors())
    return fe;
  fe->ok = sema::checkStudyFile(fe->file, fe->sources, fe->diags, options);
  return fe;
}

} // namespace hpoc::driver
