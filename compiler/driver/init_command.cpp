// `hpoc init SOURCE [-o FILE]`: a starting study for a trainer, from its
// hyperparameters (a C++ struct, or a Python trainer's argparse or dataclass).
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/trainer/study_template.h"

#include <filesystem>

namespace hpoc::driver {
namespace {

struct InitOptions {
  std::vector<std::string> sources;
  std::string output;
  bool force = false;
  trainer::ReaderOptions reader;
};

int runInit(InitOptions& o, const CLI::App& command, CommandContext& ctx) {
  std::ostream& out = ctx.out;
  std::ostream& err = ctx.err;
  trainer::ReaderOptions& reader = o.reader;
  if (int status = takeTrainerSource(o.sources, reader, command, ctx))
    return status;
  const std::string& output = o.output;
  const bool force = o.force;
  std::error_code ec;
  if (!output.empty() && !force && std::filesystem::exists(output, ec)) {
    err << "hpoc init: " << output << " exists; give --force to overwrite it\n";
    return 1;
  }
  std::optional<trainer::HparamsStruct> hp = readTrainerReporting(reader, err);
  if (!hp)
    return 1;
  std::string text = trainer::emitStudyTemplate(*hp, reader.source);
  if (output.empty()) {
    out << text;
    return 0;
  }
  std::string why;
  if (!writeFileIfChanged(output, text, &why)) {
    err << "hpoc init: " << why << "\n";
    return 1;
  }
  return 0;
}

} // namespace

void addInitCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* command =
      hpoc.add_subcommand("init", "print a starting study for a C++ or Python trainer");
  command->footer("One parameter per field of a C++ trainer's hyperparameter struct, or per\n"
                  "option of a Python trainer's argparse parser or dataclass; placeholders\n"
                  "marked TODO for the rest.");
  setSynopsis(*command, "hpoc init SOURCE [-o FILE.hpo] [--force] [-p BUILD_DIR] "
                        "[--extra-arg=ARG]... [-- ARG...]");
  auto o = std::make_shared<InitOptions>();
  command->add_option("SOURCE", o->sources, "the trainer: a C++ source or header, or a .py file");
  command->add_option("-o,--output", o->output, "write the study to FILE.hpo instead of stdout")
      ->option_text("FILE.hpo");
  command->add_flag("--force", o->force, "overwrite FILE.hpo when it exists");
  addReaderOptions(*command, o->reader);
  command->callback([o, command, &ctx] { ctx.status = runInit(*o, *command, ctx); });
}

} // namespace hpoc::driver
