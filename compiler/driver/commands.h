// The hpoc subcommands. Each takes its own arguments (after the subcommand's
// name) and returns the process exit code: 0 success, 1 a problem with the
// input, 2 a problem with the command line.
#pragma once

#include "compiler/trainer/trainer_reader.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hpoc::driver {

using Args = std::vector<std::string>;

int runCheck(const Args& args, std::ostream& out, std::ostream& err);
int runCompile(const Args& args, std::ostream& out, std::ostream& err);
int runLlm(const Args& args, std::ostream& out, std::ostream& err);
int runInit(const Args& args, std::ostream& out, std::ostream& err);
int runHparams(const Args& args, std::ostream& out, std::ostream& err);

/// Reads a C++ trainer's hyperparameter struct; prints Clang's diagnostics,
/// then hpoc's notes and errors, to `err`. Empty when the struct could not be read.
/// `filesRead`, when given, receives the files the source is made of.
std::optional<trainer::HparamsStruct>
readTrainerReporting(const trainer::ReaderOptions& options, std::ostream& err,
                     std::vector<std::string>* filesRead = nullptr);

/// The version line `hpoc --version` prints.
std::string versionLine();

} // namespace hpoc::driver
