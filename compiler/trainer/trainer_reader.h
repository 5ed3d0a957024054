// Reads a C++ trainer's source with Clang LibTooling and returns its
// hyperparameter struct as plain data. The only caller-visible entry point of
// the Clang-based code; its header carries no Clang types.
#pragma once

#include "compiler/trainer/hparams_info.h"

#include <optional>
#include <string>
#include <vector>

namespace hpoc::trainer {

struct ReaderOptions {
  std::string source; ///< the trainer's .cpp (or a header holding the struct)
  /// A build directory with compile_commands.json. Empty: look for one in the
  /// source's directory and its parents; none found: a fixed command line.
  std::string buildDir;
  std::vector<std::string> extraArgs; ///< appended to the compiler's arguments
};

/// A message of the reader about the trainer, located in it when it can be.
struct ReaderMessage {
  enum class Severity { Note, Error };
  Severity severity = Severity::Error;
  TrainerLoc loc; ///< invalid for messages about the whole file
  std::string message;
};

struct ReadResult {
  std::optional<HparamsStruct> hparams; ///< set when exactly one marked struct was read
  /// Clang's own diagnostics for the source, already rendered the way clang
  /// prints them. Printed before the messages below.
  std::string clangOutput;
  std::vector<ReaderMessage> messages; ///< hpoc's notes and errors, in order
  std::string commandLine;             ///< the compiler command the source was read with
  /// The files Clang read for the source (it first), system headers left out:
  /// what a generated loader depends on.
  std::vector<std::string> filesRead;

  bool ok() const { return hparams.has_value(); }
};

/// Parses `options.source` and finds the one struct marked hpoc::hparams.
/// Defines HPOC_READING_HPARAMS while parsing, so a generated loader that is
/// out of date with the struct does not stand in the way of its own update.
/// Never prints; everything to say is in the result.
ReadResult readTrainer(const ReaderOptions& options);

} // namespace hpoc::trainer
