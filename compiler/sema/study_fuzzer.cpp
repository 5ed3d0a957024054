// libFuzzer target: the input is the text of a .hpo file. It is lexed, parsed,
// checked when it parsed cleanly (as the driver does), and its diagnostics are
// rendered, so that the lexer, parser, checker and printer all see hostile input.
// Build with -DHPOC_FUZZ=ON; scripts/fuzz.sh builds and runs it (target `parser`).
#include "compiler/sema/study_checker.h"
#include "dsl/diagnostics.h"
#include "dsl/parser.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hpoc::dsl::SourceManager sm;
  hpoc::dsl::DiagnosticEngine diags(sm);
  std::uint32_t file =
      sm.addBuffer("fuzz.hpo", std::string(reinterpret_cast<const char*>(data), size));
  hpoc::dsl::StudyFile parsed = hpoc::dsl::parseStudyFile(sm, file, diags);
  if (!diags.hasErrors()) {
    hpoc::sema::CheckOptions options;
    options.checkPaths = false; // the fuzzer must not depend on the file system
    hpoc::sema::checkStudyFile(parsed, sm, diags, options);
  }
  std::ostringstream out;
  hpoc::dsl::DiagnosticPrinter(out).print(diags);
  return 0;
}
