// `hpoc init SOURCE [-o FILE]`: a starting study for a C++ trainer, from its
// hyperparameter struct.
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/trainer/reader_args.h"
#include "compiler/trainer/study_template.h"

#include <filesystem>

namespace hpoc::driver {
namespace {

const char* kInitUsage =
    "usage: hpoc init SOURCE [-o FILE.hpo] [--force] [-p BUILD_DIR] [--extra-arg=ARG]... [-- "
    "ARG...]\n"
    "prints a starting study for the trainer SOURCE: one parameter per field of its\n"
    "hyperparameter struct, placeholders marked TODO for the rest\n"
    "  -o FILE.hpo        write the study to FILE.hpo instead of stdout\n"
    "  --force            overwrite FILE.hpo when it exists\n";

} // namespace

int runInit(const Args& args, std::ostream& out, std::ostream& err) {
  trainer::ReaderOptions reader;
  std::string output;
  bool force = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string why;
    switch (trainer::parseReaderOption(args, &i, &reader, &why)) {
    case trainer::OptionParse::Taken:
      continue;
    case trainer::OptionParse::Bad:
      err << "hpoc init: " << why << "\n" << kInitUsage << trainer::kReaderOptionsUsage;
      return 2;
    case trainer::OptionParse::NotMine:
      break;
    }
    if (a == "-h" || a == "--help") {
      out << kInitUsage << trainer::kReaderOptionsUsage;
      return 0;
    }
    if (a == "-o") {
      if (i + 1 >= args.size()) {
        err << "hpoc init: -o needs a file\n" << kInitUsage;
        return 2;
      }
      output = args[++i];
    } else if (a == "--force") {
      force = true;
    } else if (a.size() > 1 && a[0] == '-') {
      err << "hpoc init: unknown option '" << a << "'\n" << kInitUsage;
      return 2;
    } else if (reader.source.empty()) {
      reader.source = a;
    } else {
      err << "hpoc init: one trainer source at a time ('" << reader.source << "' and '" << a
          << "')\n";
      return 2;
    }
  }
  if (reader.source.empty()) {
    err << "hpoc init: no trainer source given\n" << kInitUsage;
    return 2;
  }
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

} // namespace hpoc::driver
