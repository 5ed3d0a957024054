// hpoc: the study compiler's command line.
#include "compiler/driver/commands.h"

#include <iostream>

namespace {

const char* kUsage = R"(usage: hpoc COMMAND [ARGS]

An experiment compiler for LLM-driven hyperparameter optimisation.

commands:
  check FILE.hpo... [--trainer SOURCE [-p BUILD_DIR] [--study NAME]]
                                    check study files; exit 0 when valid, 1 with errors;
                                    with --trainer, also against the hyperparameter
                                    struct of a C++ trainer
  compile FILE.hpo -o DIR [--study NAME]... [--trainer SOURCE]
                                    generate each study's runner (NAME_runner.cpp) and
                                    Ninja rules (NAME.ninja) into DIR; a C++ trainer's
                                    doc comments describe parameters the study does not
  llm check [--url URL] [--model NAME]
                                    start the configured LLM (the local one by default),
                                    send one schema-constrained request, report speed
  init SOURCE [-o FILE.hpo]         print a starting study for a C++ trainer
  hparams SOURCE [-o FILE.h] [--format json|yaml|both]
                                    generate the header that fills a C++ trainer's
                                    hyperparameter struct from a trial's config
  help                              print this help

options:
  -h, --help                        print this help
  --version                         print the version

Studies are usually run through CMake: hpoc_add_study() in CMakeLists.txt, then
`cmake --build build --target tune`. The language is described in docs/language.md.
)";

/// Status of an escaped exception (sysexits' EX_SOFTWARE), as docs/language.md says.
constexpr int kInternalErrorStatus = 70;

int runCommand(int argc, char** argv);

} // namespace

/// Every error hpoc expects is a diagnostic; anything that escapes is a bug, reported
/// as one line and a documented status instead of an abort and a core dump.
int main(int argc, char** argv) {
  try {
    return runCommand(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "hpoc: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "hpoc: internal error: an unknown exception\n";
  }
  return kInternalErrorStatus;
}

namespace {

int runCommand(int argc, char** argv) {
  using namespace hpoc::driver;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string cmd = argv[1];
  Args rest(argv + 2, argv + argc);
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << versionLine() << "\n";
    return 0;
  }
  if (cmd == "check")
    return runCheck(rest, std::cout, std::cerr);
  if (cmd == "compile")
    return runCompile(rest, std::cout, std::cerr);
  if (cmd == "llm")
    return runLlm(rest, std::cout, std::cerr);
  if (cmd == "init")
    return runInit(rest, std::cout, std::cerr);
  if (cmd == "hparams")
    return runHparams(rest, std::cout, std::cerr);
  std::cerr << "hpoc: unknown command '" << cmd << "'\n\n" << kUsage;
  return 2;
}

} // namespace
