// hpoc's command line: one CLI11 application whose subcommands are the driver's
// commands, each with --help, and errors that name the command and suggest the
// option or command a typo meant.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace hpoc::driver {

/// What every command shares while the line is parsed and run.
struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  /// The words after a lone `--`: arguments for the compiler that reads a C++
  /// trainer. A command that reads no trainer refuses them.
  std::vector<std::string> compilerArgs;
  int status = 0; ///< the exit status the command that ran chose
};

/// Parses `argv`, runs the command it names and returns the exit status: the
/// command's (0 done, 1 a problem with the input), or 2 for a command line it
/// cannot read, with a message that names the command and what was meant.
int runCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// "hpoc llm check" for a subcommand: the words a user typed to reach it.
std::string commandPath(const CLI::App& command);

/// The usage line `command`'s help and errors show, such as
/// "hpoc check FILE.hpo... [OPTIONS]".
void setSynopsis(CLI::App& command, std::string synopsis);

/// Reports a command-line problem found after parsing (a missing operand, two
/// values where one goes) as parse errors are reported; returns 2.
int usageError(const CLI::App& command, CommandContext& ctx, const std::string& message);

} // namespace hpoc::driver
