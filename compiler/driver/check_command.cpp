#include "compiler/driver/commands.h"
#include "compiler/driver/study_frontend.h"
#include "compiler/trainer/trainer_checker.h"
#include "compiler/trainer/trainer_source_map.h"

namespace hpoc::driver {
namespace {

/// `--trainer SOURCE`: the trainer's struct, read once for all study files.
struct TrainerCheck {
  trainer::ReaderOptions reader;
  std::string study; ///< --study NAME: compare only this study
  bool read = false;
  std::optional<trainer::HparamsStruct> hparams;
  trainer::ReadResult result;

  /// Compares the studies of `fe` with the trainer; false on errors.
  bool run(Frontend& fe, std::ostream& err) {
    bool first = !read;
    if (!read) {
      result = readAnyTrainer(reader);
      hparams = result.hparams;
      read = true;
      err << result.clangOutput;
    }
    dsl::DiagnosticEngine diags(fe.sources);
    trainer::TrainerSourceMap where(fe.sources);
    if (first || !hparams)
      trainer::reportReaderMessages(result, reader.source, where, diags);
    bool named = study.empty();
    if (hparams)
      for (const dsl::Study& s : fe.file.studies)
        if (study.empty() || s.name.value == study) {
          named = true;
          trainer::checkStudyAgainstTrainer(s, *hparams, where, diags);
        }
    if (hparams && !named)
      diags.fileError(std::string(fe.sources.name(fe.fileId)),
                      "no study '" + study + "' to compare with the trainer");
    dsl::DiagnosticPrinter(err).print(diags);
    return hparams && !diags.hasErrors();
  }
};

} // namespace

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool quiet = false;
  bool noPathChecks = false;
  TrainerCheck trainer;
};

int runCheck(CheckOptions& o, const CLI::App& command, CommandContext& ctx) {
  std::ostream& out = ctx.out;
  std::ostream& err = ctx.err;
  trainer::ReaderOptions& reader = o.trainer.reader;
  reader.extraArgs.insert(reader.extraArgs.end(), ctx.compilerArgs.begin(), ctx.compilerArgs.end());
  if (reader.source.empty() &&
      (!reader.buildDir.empty() || !o.trainer.study.empty() || !reader.extraArgs.empty()))
    return usageError(command, ctx, "-p, --study and --extra-arg go with --trainer SOURCE");
  if (o.files.empty())
    return usageError(command, ctx, "no study file given");
  sema::CheckOptions options;
  options.checkPaths = !o.noPathChecks;
  std::optional<TrainerCheck> trainerCheck;
  if (!reader.source.empty())
    trainerCheck = o.trainer;
  int status = 0;
  for (const std::string& f : o.files) {
    auto fe = runFrontend(f, options);
    dsl::DiagnosticPrinter(err).print(fe->diags);
    if (!fe->ok) {
      status = 1;
      continue;
    }
    if (trainerCheck && !trainerCheck->run(*fe, err)) {
      status = 1;
      continue;
    }
    if (!o.quiet) {
      for (const auto& s : fe->file.studies)
        out << f << ": study '" << s.name.value << "' is valid (" << s.params.size()
            << (s.params.size() == 1 ? " parameter" : " parameters") << ")\n";
    }
  }
  return status;
}

} // namespace

void addCheckCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* command =
      hpoc.add_subcommand("check", "check study files (and, with --trainer, against a trainer)");
  command->footer("Exit 0 when every study is valid, 1 with errors. With --trainer, each study\n"
                  "is also checked against the trainer's hyperparameters: a C++ struct, or a\n"
                  "Python trainer's argparse options or dataclass.");
  setSynopsis(*command, "hpoc check FILE.hpo... [--trainer SOURCE [-p BUILD_DIR] [--study NAME] "
                        "[--extra-arg=ARG]... [-- ARG...]] [-q] [--no-path-checks]");
  auto o = std::make_shared<CheckOptions>();
  command->add_option("FILE.hpo", o->files, "the study files to check");
  command
      ->add_option("--trainer", o->trainer.reader.source,
                   "check the studies against this trainer's hyperparameters")
      ->option_text("SOURCE");
  command->add_option("--study", o->trainer.study, "with --trainer: compare only this study")
      ->option_text("NAME");
  addReaderOptions(*command, o->trainer.reader);
  command->add_flag("-q,--quiet", o->quiet, "print nothing for a valid study");
  command->add_flag("--no-path-checks", o->noPathChecks,
                    "do not check that the dataset's paths and the trainer's files exist");
  command->callback([o, command, &ctx] { ctx.status = runCheck(*o, *command, ctx); });
}

} // namespace hpoc::driver
