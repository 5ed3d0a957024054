#include "compiler/driver/commands.h"

namespace hpoc::driver {

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

} // namespace hpoc::driver
