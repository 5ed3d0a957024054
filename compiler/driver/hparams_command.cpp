// `hpoc hparams SOURCE [-o FILE]`: the header that fills a C++ trainer's
// hyperparameter struct from a trial's config.
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/trainer/loader_emitter.h"
#include "compiler/trainer/reader_args.h"
#include "compiler/trainer/trainer_reader.h"
#include "compiler/trainer/trainer_source_map.h"
#include "dsl/diagnostics.h"

#include <filesystem>
#include <optional>

namespace hpoc::driver {
namespace {

const char* kHparamsUsage =
    "usage: hpoc hparams SOURCE [-o FILE] [--format json|yaml|both] [-p BUILD_DIR]\n"
    "                    [--extra-arg=ARG]... [-- ARG...]\n"
    "writes the header that fills SOURCE's hyperparameter struct from a config file\n"
    "  -o FILE            write it to FILE (only when its content changes); default stdout\n"
    "  --format F         the config formats the loader reads (default both)\n"
    "  --depfile FILE     with -o: write the files the header depends on, as a Makefile rule\n";

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
  trainer::ReadResult read = trainer::readTrainer(options);
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

int runHparams(const Args& args, std::ostream& out, std::ostream& err) {
  trainer::ReaderOptions reader;
  trainer::LoaderOptions loader;
  std::string output;
  std::string depfile;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string why;
    switch (trainer::parseReaderOption(args, &i, &reader, &why)) {
    case trainer::OptionParse::Taken:
      continue;
    case trainer::OptionParse::Bad:
      err << "hpoc hparams: " << why << "\n" << kHparamsUsage << trainer::kReaderOptionsUsage;
      return 2;
    case trainer::OptionParse::NotMine:
      break;
    }
    if (a == "-h" || a == "--help") {
      out << kHparamsUsage << trainer::kReaderOptionsUsage;
      return 0;
    }
    if ((a == "-o" || a == "--format" || a == "--depfile") && i + 1 >= args.size()) {
      err << "hpoc hparams: " << a << " needs a value\n" << kHparamsUsage;
      return 2;
    }
    if (a == "-o") {
      output = args[++i];
    } else if (a == "--depfile") {
      depfile = args[++i];
    } else if (a == "--format") {
      std::string f = args[++i];
      if (f == "json")
        loader.formats = trainer::LoaderFormats::Json;
      else if (f == "yaml")
        loader.formats = trainer::LoaderFormats::Yaml;
      else if (f == "both")
        loader.formats = trainer::LoaderFormats::Both;
      else {
        err << "hpoc hparams: --format is json, yaml or both, not '" << f << "'\n";
        return 2;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      err << "hpoc hparams: unknown option '" << a << "'\n" << kHparamsUsage;
      return 2;
    } else if (reader.source.empty()) {
      reader.source = a;
    } else {
      err << "hpoc hparams: one trainer source at a time ('" << reader.source << "' and '" << a
          << "')\n";
      return 2;
    }
  }
  if (reader.source.empty()) {
    err << "hpoc hparams: no trainer source given\n" << kHparamsUsage;
    return 2;
  }
  if (!depfile.empty() && output.empty()) {
    err << "hpoc hparams: --depfile needs -o FILE\n";
    return 2;
  }
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

} // namespace hpoc::driver
