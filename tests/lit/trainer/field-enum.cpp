// Enums become categoricals of their enumerators: enum class, plain enum,
// enums nested in the struct or in a namespace.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
// RUN: %hpoc hparams %s 2>&1 | FileCheck %s --check-prefix=LOADER
#include "hpoc_hparams.h"

namespace ml {
enum class Optimizer { adam, sgd, rmsprop };
enum Booster { gbtree, dart };

struct HPOC_HPARAMS Hparams {
  enum class Loss { mse, huber, log };
  Optimizer optimizer = Optimizer::sgd;
  // CHECK: categorical optimizer {adam, sgd, rmsprop} default sgd
  Booster booster = dart;
  // CHECK: categorical booster {gbtree, dart} default dart
  Loss loss = Loss::mse;
  // CHECK: categorical loss {mse, huber, "log"} default mse
};
} // namespace ml

// LOADER: inline bool loadHparams(const std::string& configPath, ml::Hparams& out, std::string* err) {
// LOADER: out.optimizer = ml::Optimizer::rmsprop;
// LOADER: out.booster = ml::Booster::dart;
// LOADER: out.loss = ml::Hparams::Loss::huber;
