// The hpoc subcommands. Each adds itself to the command line with its options and
// help; once the line is parsed, it runs and leaves the exit status in the context:
// 0 success, 1 a problem with the input, 2 a problem with the command line.
#pragma once

#include "compiler/driver/command_line.h"
#include "compiler/trainer/trainer_reader.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hpoc::driver {

void addCheckCommand(CLI::App& hpoc, CommandContext& ctx);
void addCompileCommand(CLI::App& hpoc, CommandContext& ctx);
void addInitCommand(CLI::App& hpoc, CommandContext& ctx);
void addHparamsCommand(CLI::App& hpoc, CommandContext& ctx);
void addLlmCommand(CLI::App& hpoc, CommandContext& ctx);
void addShowCommand(CLI::App& hpoc, CommandContext& ctx);
void addCompareCommand(CLI::App& hpoc, CommandContext& ctx);

/// The options of every command that reads a trainer: -p/--build-dir and
/// --extra-arg (the words after `--` are added when the command runs).
void addReaderOptions(CLI::App& command, trainer::ReaderOptions& reader);

/// Takes the one trainer source a command reads (and the words after `--` as the
/// reader's extra arguments) into `reader`. 0, or the status of the usage error it
/// printed (no source, or several).
int takeTrainerSource(const std::vector<std::string>& sources, trainer::ReaderOptions& reader,
                      const CLI::App& command, CommandContext& ctx);

/// Reads a trainer's hyperparameters: a Python trainer's (`.py`) with the Python
/// reader, any other source's struct with Clang. Never prints.
trainer::ReadResult readAnyTrainer(const trainer::ReaderOptions& options);

/// Reads a trainer's hyperparameters (a C++ struct, or a Python trainer's argparse
/// or dataclass); prints the reader's diagnostics, then hpoc's notes and errors, to
/// `err`. Empty when they could not be read. `filesRead`, when given, receives the
/// files the source is made of.
std::optional<trainer::HparamsStruct>
readTrainerReporting(const trainer::ReaderOptions& options, std::ostream& err,
                     std::vector<std::string>* filesRead = nullptr);

/// The version line `hpoc --version` prints.
std::string versionLine();

} // namespace hpoc::driver
