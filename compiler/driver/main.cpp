// hpoc: the study compiler's command line.
#include "compiler/driver/command_line.h"

#include <exception>
#include <iostream>

namespace {
/// Status of an escaped exception (sysexits' EX_SOFTWARE), as the runner's
/// (docs/strategies.md, "Exit status").
constexpr int kInternalErrorStatus = 70;
} // namespace

/// Every error hpoc expects is a diagnostic; anything that escapes is a bug, reported
/// as one line and a documented status instead of an abort and a core dump.
int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return hpoc::driver::runCommandLine(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "hpoc: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "hpoc: internal error: an unknown exception\n";
  }
  return kInternalErrorStatus;
}
