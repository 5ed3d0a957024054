#include "compiler/codegen/runner_emitter.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/driver/study_frontend.h"
#include "compiler/trainer/param_descriptions.h"

#include <filesystem>

namespace hpoc::driver {

namespace fs = std::filesystem;

namespace {

struct CompileOptions {
  std::vector<std::string> files;
  std::string outDir;
  std::vector<std::string> wanted;
  bool verbose = false;
  trainer::ReaderOptions reader;
};

/// The studies named by --study (all of the file's without one); false, having
/// said which names the file holds, when one is not there.
bool selectStudies(const dsl::StudyFile& file, const std::vector<std::string>& wanted,
                   const std::string& path, std::ostream& err,
                   std::vector<const dsl::Study*>* studies) {
  for (const std::string& name : wanted) {
    const dsl::Study* found = nullptr;
    for (const auto& s : file.studies)
      if (s.name.value == name)
        found = &s;
    if (!found) {
      err << path << ": error: no study named '" << name << "' in this file (it holds:";
      for (const auto& s : file.studies)
        err << " " << s.name.value;
      err << ")\n";
      return false;
    }
    studies->push_back(found);
  }
  if (wanted.empty())
    for (const auto& s : file.studies)
      studies->push_back(&s);
  return true;
}

int runCompile(CompileOptions& o, const CLI::App& command, CommandContext& ctx) {
  std::ostream& out = ctx.out;
  std::ostream& err = ctx.err;
  trainer::ReaderOptions& reader = o.reader;
  reader.extraArgs.insert(reader.extraArgs.end(), ctx.compilerArgs.begin(), ctx.compilerArgs.end());
  if (o.files.size() > 1)
    return usageError(command, ctx,
                      "one study file at a time (got '" + o.files[0] + "' and '" + o.files[1] +
                          "')");
  if (o.files.empty() || o.outDir.empty())
    return usageError(command, ctx,
                      o.files.empty() ? "no study file given"
                                      : "no output directory given (-o DIR)");
  if (reader.source.empty() && (!reader.buildDir.empty() || !reader.extraArgs.empty()))
    return usageError(command, ctx, "-p and --extra-arg go with --trainer SOURCE");
  const std::string& file = o.files[0];
  const std::string& outDir = o.outDir;
  const std::vector<std::string>& wanted = o.wanted;
  const bool verbose = o.verbose;

  auto fe = runFrontend(file);
  dsl::DiagnosticPrinter(err).print(fe->diags);
  if (!fe->ok)
    return 1;
  // A C++ trainer's doc comments describe the parameters the study leaves undescribed.
  if (!reader.source.empty()) {
    auto hparams = readTrainerReporting(reader, err);
    if (!hparams)
      return 1;
    for (dsl::Study& s : fe->file.studies)
      trainer::fillMissingDescriptions(s, *hparams);
  }

  std::vector<const dsl::Study*> studies;
  if (!selectStudies(fe->file, wanted, file, err, &studies))
    return 1;

  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec || !fs::is_directory(outDir)) {
    err << "hpoc compile: error: cannot create output directory '" << outDir
        << "': " << (ec ? ec.message() : "not a directory") << "\n";
    return 1;
  }
  codegen::EmitContext emit;
  emit.sourcePath = fs::absolute(file).lexically_normal().string();
  emit.version = HPOC_VERSION;

  // Generate everything first, then write: an error leaves nothing half-written.
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const dsl::Study* s : studies) {
    std::string base = (fs::path(outDir) / s->name.value).string();
    outputs.emplace_back(base + "_runner.cpp", codegen::emitRunner(*s, emit));
    outputs.emplace_back(base + ".ninja", codegen::emitNinjaRules(*s, emit));
  }
  for (const auto& [path, content] : outputs) {
    std::string werr;
    if (!writeFileIfChanged(path, content, &werr)) {
      err << "hpoc compile: error: " << werr << "\n";
      return 1;
    }
    if (verbose)
      out << "wrote " << path << "\n";
  }
  return 0;
}

} // namespace

void addCompileCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* command =
      hpoc.add_subcommand("compile", "generate each study's runner and Ninja rules");
  command->footer("Writes NAME_runner.cpp and NAME.ninja into DIR for each study. With --trainer,\n"
                  "a C++ trainer's doc comments describe the parameters the study does not.");
  setSynopsis(*command, "hpoc compile FILE.hpo -o DIR [--study NAME]... [--trainer SOURCE "
                        "[-p BUILD_DIR] [--extra-arg=ARG]...] [-v]");
  auto o = std::make_shared<CompileOptions>();
  command->add_option("FILE.hpo", o->files, "the study file");
  command->add_option("-o,--output", o->outDir, "the directory the generated files go to")
      ->option_text("DIR");
  command->add_option("--study", o->wanted, "compile only this study (repeatable)")
      ->option_text("NAME")
      ->allow_extra_args(false);
  command
      ->add_option("--trainer", o->reader.source,
                   "read descriptions from this trainer's hyperparameters")
      ->option_text("SOURCE");
  addReaderOptions(*command, o->reader);
  command->add_flag("-v,--verbose", o->verbose, "print each file written");
  command->callback([o, command, &ctx] { ctx.status = runCompile(*o, *command, ctx); });
}

} // namespace hpoc::driver
