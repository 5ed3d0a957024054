// The hpoc subcommands. Each takes its own arguments (after the subcommand's
// name) and returns the process exit code: 0 success, 1 a problem with the
// input, 2 a problem with the command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace hpoc::driver {

using Args = std::vector<std::string>;

int runCheck(const Args& args, std::ostream& out, std::ostream& err);
int runCompile(const Args& args, std::ostream& out, std::ostream& err);
int runLlm(const Args& args, std::ostream& out, std::ostream& err);

/// The version line `hpoc --version` prints.
std::string versionLine();

} // namespace hpoc::driver
