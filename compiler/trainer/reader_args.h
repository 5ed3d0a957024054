// The command-line options every command that reads a trainer shares:
//   -p BUILD_DIR        the build directory holding compile_commands.json
//   --extra-arg=ARG     one more argument for the compiler (repeatable)
//   -- ARG...           the rest of the line, all for the compiler
#pragma once

#include "compiler/trainer/trainer_reader.h"

#include <cstddef>
#include <string>
#include <vector>

namespace hpoc::trainer {

enum class OptionParse { NotMine, Taken, Bad };

/// Looks at `args[*i]`; when it is one of the options above, stores it in
/// `*options`, advances `*i` past its value and returns Taken. Bad (with
/// `*err`) for a missing value.
OptionParse parseReaderOption(const std::vector<std::string>& args, std::size_t* i,
                              ReaderOptions* options, std::string* err);

/// The usage lines of those options, for a command's help text.
extern const char* const kReaderOptionsUsage;

} // namespace hpoc::trainer
