// Floating-point fields become float parameters; rates and regularisation
// strengths (names with rate, lr, decay, lambda, alpha, reg, eps, ...) are
// searched on a log scale around their default.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
#include "hpoc_hparams.h"

struct HPOC_HPARAMS Hparams {
  double learning_rate = 1e-3;
  // CHECK: float learning_rate [0.0001, 0.01] log default 0.001
  float lr = 0.1f;
  // CHECK: float lr [0.01, 1] log default 0.1
  double weight_decay = 5e-4;
  // CHECK: float weight_decay [5e-5, 0.005] log default 0.0005
  double regLambda = 1.0;
  // CHECK: float regLambda [0.1, 10] log default 1
  double l2 = 0;
  // CHECK: float l2 [0, 0.1] default 0
  double dropout = 0.3;
  // CHECK: float dropout [0, 0.6] default 0.3
  long double momentum = 0.9;
  // CHECK: float momentum [0, 1] default 0.9
  double temperature = 2.5;
  // CHECK: float temperature [1.25, 5] default 2.5
};
