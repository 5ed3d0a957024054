#include "compiler/trainer/param_descriptions.h"

namespace hpoc::trainer {

std::size_t fillMissingDescriptions(dsl::Study& study, const HparamsStruct& hparams) {
  std::size_t filled = 0;
  for (dsl::Param& p : study.params) {
    if (p.description.given() || !p.description.value.empty())
      continue;
    const HparamField* f = hparams.field(p.name.value);
    if (!f || f->doc.empty())
      continue;
    p.description.value = f->doc;
    p.description.range = p.name.range;
    ++filled;
  }
  return filled;
}

} // namespace hpoc::trainer
