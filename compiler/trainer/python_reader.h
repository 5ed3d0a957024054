// Reads a Python trainer's hyperparameters: its argparse options or the fields
// of a dataclass, found by python_trainer_reader.py with Python's own `ast`
// module. The result has the shape the C++ reader's has, so checks, `hpoc init`
// and diagnostics treat both kinds of trainer alike.
#pragma once

#include "compiler/trainer/trainer_reader.h"

#include <string>

namespace hpoc::trainer {

/// True for a source hpoc reads as Python (`.py`).
bool isPythonTrainer(const std::string& source);

/// Runs `python3 READER SOURCE` and turns the JSON it prints into a ReadResult:
/// one field per option (or dataclass field), with types, defaults, help texts
/// and locations in the source. Never prints; a reader that cannot run, or
/// prints what is not its document, is an error message in the result.
ReadResult readPythonTrainer(const ReaderOptions& options, const std::string& readerScript);

/// The JSON document of python_trainer_reader.py as a ReadResult, for `source`.
ReadResult pythonReadResult(const std::string& document, const std::string& source);

} // namespace hpoc::trainer
