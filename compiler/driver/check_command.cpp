#include "compiler/driver/commands.h"
#include "compiler/driver/study_frontend.h"
#include "compiler/trainer/reader_args.h"
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
      result = trainer::readTrainer(reader);
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

int runCheck(const Args& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> files;
  bool quiet = false;
  sema::CheckOptions options;
  std::optional<TrainerCheck> trainerCheck;
  TrainerCheck trainerArgs;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string why;
    trainer::OptionParse taken = trainer::parseReaderOption(args, &i, &trainerArgs.reader, &why);
    if (taken == trainer::OptionParse::Bad) {
      err << "hpoc check: " << why << "\n";
      return 2;
    }
    if (taken == trainer::OptionParse::Taken)
      continue;
    if ((a == "--trainer" || a == "--study") && i + 1 >= args.size()) {
      err << "hpoc check: " << a << " needs a value\n";
      return 2;
    }
    if (a == "--trainer") {
      trainerArgs.reader.source = args[++i];
    } else if (a == "--study") {
      trainerArgs.study = args[++i];
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else if (a == "--no-path-checks") {
      options.checkPaths = false;
    } else if (a.size() > 1 && a[0] == '-') {
      err << "hpoc check: unknown option '" << a << "'\n";
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (!trainerArgs.reader.source.empty())
    trainerCheck = trainerArgs;
  else if (!trainerArgs.reader.buildDir.empty() || !trainerArgs.study.empty()) {
    err << "hpoc check: -p and --study go with --trainer SOURCE\n";
    return 2;
  }
  if (files.empty()) {
    err << "hpoc check: no study file given\nusage: hpoc check FILE.hpo... [--trainer SOURCE "
           "[-p BUILD_DIR] [--study NAME] [--extra-arg=ARG]...]\n";
    return 2;
  }
  int status = 0;
  for (const std::string& f : files) {
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
    if (!quiet) {
      for (const auto& s : fe->file.studies)
        out << f << ": study '" << s.name.value << "' is valid (" << s.params.size()
            << (s.params.size() == 1 ? " parameter" : " parameters") << ")\n";
    }
  }
  return status;
}

} // namespace hpoc::driver
