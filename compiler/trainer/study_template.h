// `hpoc init`: a starting study for a C++ trainer, written from its
// hyperparameter struct. Every field becomes a parameter with a range around
// its default; everything the struct cannot say is a marked placeholder.
#pragma once

#include "compiler/trainer/hparams_info.h"

#include <string>

namespace hpoc::trainer {

/// True for names of rates and regularisation strengths (learning_rate, lr,
/// weight_decay, lambda, alpha, reg, eps, ...), which are searched on a log scale.
bool looksLogScaled(const std::string& fieldName);

/// The text of a study file for `hparams`, read from `sourceName`. It passes
/// `hpoc check`; the placeholders (task, dataset, model, goal metric, trainer
/// target) are marked TODO. Stable: the same struct gives the same bytes.
std::string emitStudyTemplate(const HparamsStruct& hparams, const std::string& sourceName);

} // namespace hpoc::trainer
