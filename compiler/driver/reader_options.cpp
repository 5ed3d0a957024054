#include "compiler/driver/commands.h"
#include "compiler/trainer/python_reader.h"

#include <filesystem>

namespace hpoc::driver {
namespace {

/// python_trainer_reader.py: installed beside hpoc (PREFIX/share/hpoc, found from
/// the running binary, so a relocated install works), else this source tree's.
std::string pythonReaderScript() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = self.parent_path().parent_path() / "share/hpoc/python_trainer_reader.py";
    if (fs::is_regular_file(installed, ec))
      return installed.string();
  }
  return HPOC_PYTHON_READER_SOURCE;
}

} // namespace

trainer::ReadResult readAnyTrainer(const trainer::ReaderOptions& options) {
  if (trainer::isPythonTrainer(options.source))
    return trainer::readPythonTrainer(options, pythonReaderScript());
  return trainer::readTrainer(options);
}

void addReaderOptions(CLI::App& command, trainer::ReaderOptions& reader) {
  command
      .add_option("-p,--build-dir", reader.buildDir,
                  "read the trainer's compile flags from BUILD_DIR/compile_commands.json "
                  "(default: look beside the source and in its parents)")
      ->option_text("BUILD_DIR");
  command
      .add_option("--extra-arg", reader.extraArgs,
                  "pass ARG to the compiler that reads the trainer too (repeatable); "
                  "after a lone --, all remaining words are passed")
      ->option_text("ARG")
      ->allow_extra_args(false);
}

int takeTrainerSource(const std::vector<std::string>& sources, trainer::ReaderOptions& reader,
                      const CLI::App& command, CommandContext& ctx) {
  reader.extraArgs.insert(reader.extraArgs.end(), ctx.compilerArgs.begin(), ctx.compilerArgs.end());
  if (sources.empty())
    return usageError(command, ctx, "no trainer source given");
  if (sources.size() > 1)
    return usageError(command, ctx,
                      "one trainer source at a time ('" + sources[0] + "' and '" + sources[1] +
                          "')");
  reader.source = sources[0];
  return 0;
}

} // namespace hpoc::driver
