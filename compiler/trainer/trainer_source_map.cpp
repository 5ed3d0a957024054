#include "compiler/trainer/trainer_source_map.h"

namespace hpoc::trainer {

dsl::SourceRange TrainerSourceMap::range(const TrainerLoc& loc) {
  if (!loc.valid() || loc.file.empty())
    return {};
  auto it = ids_.find(loc.file);
  if (it == ids_.end()) {
    std::uint32_t id = 0;
    std::string err;
    if (!sources_.loadFile(loc.file, &id, &err))
      id = 0;
    it = ids_.emplace(loc.file, id).first;
  }
  if (it->second == 0 || loc.offset > sources_.text(it->second).size())
    return {};
  return {{it->second, loc.offset}, loc.offset + loc.length};
}

void reportReaderMessages(const ReadResult& result, const std::string& source,
                          TrainerSourceMap& where, dsl::DiagnosticEngine& diags) {
  for (const ReaderMessage& m : result.messages) {
    dsl::SourceRange r = where.range(m.loc);
    if (m.severity == ReaderMessage::Severity::Note)
      diags.note(r, m.message);
    else if (r.begin.valid())
      diags.error(r, m.message);
    else
      diags.fileError(source, m.message);
  }
}

} // namespace hpoc::trainer
