#include "compiler/codegen/runner_emitter.h"
#include "compiler/driver/commands.h"
#include "compiler/driver/output_file.h"
#include "compiler/driver/study_frontend.h"
#include "compiler/trainer/param_descriptions.h"
#include "compiler/trainer/reader_args.h"

#include <filesystem>

namespace hpoc::driver {

namespace fs = std::filesystem;

int runCompile(const Args& args, std::ostream& out, std::ostream& err) {
  std::string file, outDir;
  std::vector<std::string> wanted;
  bool verbose = false;
  trainer::ReaderOptions reader;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string why;
    trainer::OptionParse taken = trainer::parseReaderOption(args, &i, &reader, &why);
    if (taken == trainer::OptionParse::Bad) {
      err << "hpoc compile: " << why << "\n";
      return 2;
    }
    if (taken == trainer::OptionParse::Taken)
      continue;
    auto value = [&](const char* opt) -> const std::string* {
      if (i + 1 >= args.size()) {
        err << "hpoc compile: " << opt << " needs a value\n";
        return nullptr;
      }
      return &args[++i];
    };
    if (a == "-o" || a == "--output") {
      const std::string* v = value("-o");
      if (!v)
        return 2;
      outDir = *v;
    } else if (a == "--study") {
      const std::string* v = value("--study");
      if (!v)
        return 2;
      wanted.push_back(*v);
    } else if (a == "--trainer") {
      const std::string* v = value("--trainer");
      if (!v)
        return 2;
      reader.source = *v;
    } else if (a == "-v" || a == "--verbose") {
      verbose = true;
    } else if (a.size() > 1 && a[0] == '-') {
      err << "hpoc compile: unknown option '" << a << "'\n";
      return 2;
    } else if (file.empty()) {
      file = a;
    } else {
      err << "hpoc compile: one study file at a time (got '" << file << "' and '" << a << "')\n";
      return 2;
    }
  }
  if (file.empty() || outDir.empty()) {
    err << "usage: hpoc compile FILE.hpo -o DIR [--study NAME]... [--trainer SOURCE [-p BUILD_DIR]]\n";
    return 2;
  }

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
  for (const std::string& name : wanted) {
    const dsl::Study* found = nullptr;
    for (const auto& s : fe->file.studies)
      if (s.name.value == name)
        found = &s;
    if (!found) {
      err << file << ": error: no study named '" << name << "' in this file (it holds:";
      for (const auto& s : fe->file.studies)
        err << " " << s.name.value;
      err << ")\n";
      return 1;
    }
    studies.push_back(found);
  }
  if (wanted.empty())
    for (const auto& s : fe->file.studies)
      studies.push_back(&s);

  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec || !fs::is_directory(outDir)) {
    err << "hpoc compile: error: cannot create output directory '" << outDir
        << "': " << (ec ? ec.message() : "not a directory") << "\n";
    return 1;
  }
  codegen::EmitContext ctx;
  ctx.sourcePath = fs::absolute(file).lexically_normal().string();
  ctx.version = HPOC_VERSION;

  // Generate everything first, then write: an error leaves nothing half-written.
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const dsl::Study* s : studies) {
    std::string base = (fs::path(outDir) / s->name.value).string();
    outputs.emplace_back(base + "_runner.cpp", codegen::emitRunner(*s, ctx));
    outputs.emplace_back(base + ".ninja", codegen::emitNinjaRules(*s, ctx));
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

} // namespace hpoc::driver
