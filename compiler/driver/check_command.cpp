#include "compiler/driver/commands.h"
#include "compiler/driver/study_frontend.h"

namespace hpoc::driver {

int runCheck(const Args& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> files;
  bool quiet = false;
  sema::CheckOptions options;
  for (const std::string& a : args) {
    if (a == "-q" || a == "--quiet") {
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
  if (files.empty()) {
    err << "hpoc check: no study file given\nusage: hpoc check FILE.hpo...\n";
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
    if (!quiet) {
      for (const auto& s : fe->file.studies)
        out << f << ": study '" << s.name.value << "' is valid (" << s.params.size()
            << (s.params.size() == 1 ? " parameter" : " parameters") << ")\n";
    }
  }
  return status;
}

} // namespace hpoc::driver
