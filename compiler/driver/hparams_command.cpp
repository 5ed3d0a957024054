// `hpoc hparams SOURCE [-o FILE]`: the header that fills a C++ trainer's
// hyperparameter struct from a trial's config.
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/trainer/loader_emitter.h"
#include "compiler/trainer/python_reader.h"
#include "compiler/trainer/trainer_reader.h"
#include "compiler/trainer/trainer_source_map.h"
#include "dsl/diagnostics.h"

#include <filesystem>
#include <optional>

namespace hpoc::driver {
namespace {

/// `target: dep dep ...` with the spaces in paths escaped, as Ninja and Make read it.
std::string makeRule(const std::string& target, const std::vector<std::string>& deps) {
  auto escaped = [](const std::string& path) {
    std::string out;
    for (char c : path) {
      if (c == ' ' || c == '#')
        out += '\\';
      if (c == '$')
        out += '$';
      out += c;
    }
    return out;
  };
  std::error_code ec;
  std::filesystem::path self = std::filesystem::weakly_canonical(target, ec);
  std::string rule = escaped(target) + ":";
  for (const std::string& d : deps)
    if (std::filesystem::weakly_canonical(d, ec) != self) // the loader's own old version
      rule += " \\\n  " + escaped(d);
  return rule + "\n";
}

} // namespace

std::optional<trainer::HparamsStruct> readTrainerReporting(const trainer::ReaderOptions& options,
                                                           std::ostream& err,
                                                           std::vector<std::string>* filesRead) {
  trainer::ReadResult read = readAnyTrainer(options);
  if (filesRead)
    *filesRead = read.filesRead;
  err << read.clangOutput;
  dsl::SourceManager sources;
  dsl::DiagnosticEngine diags(sources);
  trainer::TrainerSourceMap where(sources);
  trainer::reportReaderMessages(read, options.source, where, diags);
  dsl::DiagnosticPrinter(err).print(diags);
  if (!read.ok() || diags.hasErrors())
    return std::nullopt;
  return read.hparams;
}

namespace {

struct HparamsOptions {
  std::vector<std::string> sources;
  std::string output;
  std::string depfile;
  std::string format = "both";
  trainer::ReaderOptions reader;
};

int runHparams(HparamsOptions& o, const CLI::App& command, CommandContext& ctx) {
  std::ostream& out = ctx.out;
  std::ostream& err = ctx.err;
  trainer::ReaderOptions& reader = o.reader;
  if (int status = takeTrainerSource(o.sources, reader, command, ctx))
    return status;
  if (trainer::isPythonTrainer(reader.source))
    return usageError(command, ctx,
                      "the header is for C++ trainers; a Python trainer reads its config with "
                      "hpoc_trainer.load_config (docs/trainer-protocol.md)");
  trainer::LoaderOptions loader;
  if (o.format == "json")
    loader.formats = trainer::LoaderFormats::Json;
  else if (o.format == "yaml")
    loader.formats = trainer::LoaderFormats::Yaml;
  else if (o.format != "both")
    return usageError(command, ctx, "--format is json, yaml or both, not '" + o.format + "'");
  const std::string& output = o.output;
  const std::string& depfile = o.depfile;
  if (!depfile.empty() && output.empty())
    return usageError(command, ctx, "--depfile needs -o FILE");
  std::vector<std::string> filesRead;
  std::optional<trainer::HparamsStruct> hp = readTrainerReporting(reader, err, &filesRead);
  if (!hp)
    return 1;
  loader.sourceName = reader.source;
  std::string text = trainer::emitHparamsLoader(*hp, loader);
  if (output.empty()) {
    out << text;
    return 0;
  }
  std::string why;
  if (!writeFileIfChanged(output, text, &why) ||
      (!depfile.empty() && !writeFileIfChanged(depfile, makeRule(output, filesRead), &why))) {
    err << "hpoc hparams: " << why << "\n";
    return 1;
  }
  return 0;
}

} // namespace

void addHparamsCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* command = hpoc.add_subcommand(
      "hparams", "generate the header that fills a C++ trainer's struct from a config");
  setSynopsis(*command, "hpoc hparams SOURCE [-o FILE] [--format json|yaml|both] [--depfile FILE] "
                        "[-p BUILD_DIR] [--extra-arg=ARG]... [-- ARG...]");
  auto o = std::make_shared<HparamsOptions>();
  command->add_option("SOURCE", o->sources, "the trainer's C++ source or header");
  command
      ->add_option("-o,--output", o->output,
                   "write the header to FILE (only when its content changes); default stdout")
      ->option_text("FILE");
  command
      ->add_option("--depfile", o->depfile,
                   "with -o: write the files the header depends on, as a Makefile rule")
      ->option_text("FILE");
  command->add_option("--format", o->format, "the config formats the loader reads (default both)")
      ->option_text("json|yaml|both");
  addReaderOptions(*command, o->reader);
  command->callback([o, command, &ctx] { ctx.status = runHparams(*o, *command, ctx); });
}

} // namespace hpoc::driver
