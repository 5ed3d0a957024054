// Gives locations in a trainer a place in the study's SourceManager, so notes
// about fields print through the same DiagnosticEngine as the study's errors:
//   train.cpp:14:10: note: field 'lr' declared here
#pragma once

#include "compiler/trainer/hparams_info.h"
#include "compiler/trainer/trainer_reader.h"
#include "dsl/diagnostics.h"
#include "dsl/source_manager.h"

#include <cstdint>
#include <map>
#include <string>

namespace hpoc::trainer {

class TrainerSourceMap {
public:
  explicit TrainerSourceMap(dsl::SourceManager& sources) : sources_(sources) {}

  /// The range of `loc` in `sources`, loading its file on first use. An
  /// invalid range when the file cannot be read (the note then prints without a line).
  dsl::SourceRange range(const TrainerLoc& loc);

private:
  dsl::SourceManager& sources_;
  std::map<std::string, std::uint32_t> ids_; ///< 0: could not be read
};

/// Reports the reader's own notes and errors (not Clang's, which arrive as text).
/// Messages without a location name `source`.
void reportReaderMessages(const ReadResult& result, const std::string& source,
                          TrainerSourceMap& where, dsl::DiagnosticEngine& diags);

} // namespace hpoc::trainer
