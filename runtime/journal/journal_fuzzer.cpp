// libFuzzer target: the input is the text of a journal.jsonl. It is read as the
// runner reads it (the typed reader), replayed, compared with a study's shape and
// its configurations checked against the space: whatever the bytes, each step
// either succeeds or returns an error; nothing may throw or crash.
// Build with -DHPOC_FUZZ=ON; `scripts/fuzz.sh 600 journal` runs it.
#include "runtime/journal/journal.h"
#include "runtime/journal/study_state.h"
#include "runtime/spec/config_canon.h"
#include "runtime/spec/study_shape.h"
#include "runtime/spec/test_support.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hpoc::rt;
  static const StudySpec spec = testsupport::smallStudy();
  std::string text(reinterpret_cast<const char*>(data), size), err;
  std::vector<nlohmann::json> events;
  std::size_t valid = 0;
  Journal::LoadInfo info;
  if (!parseJournal(text, "journal.jsonl", &events, &valid, &info, &err))
    return 0;
  // The reader may cut only a torn last line: what it keeps ends a line.
  if (valid > text.size() || (valid > 0 && text[valid - 1] != '\n'))
    __builtin_trap();
  StudyState state;
  if (!replayJournal(events, "journal.jsonl", &state, &err, info.eventLines))
    return 0;
  if (!state.shape.is_null())
    describeShapeChange(state.shape, studyShape(spec));
  if (!checkReplayedConfigs(spec, state, "journal.jsonl", &err))
    return 0;
  for (const TrialRecord& t : state.trials)
    configFileText(spec, canonicalConfig(spec, t.config), ConfigFormat::Yaml);
  return 0;
}
