// The trainer reader of an hpoc built without Clang (HPOC_WITH_CLANG=OFF).
#include "compiler/trainer/trainer_reader.h"

namespace hpoc::trainer {

ReadResult readTrainer(const ReaderOptions&) {
  ReadResult result;
  result.messages.push_back({ReaderMessage::Severity::Error,
                             {},
                             "this hpoc was built without Clang (HPOC_WITH_CLANG=OFF) and "
                             "cannot read C++ trainers"});
  return result;
}

} // namespace hpoc::trainer
