// Integer fields become int parameters with a range around their default.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
#include "hpoc_hparams.h"

#include <cstddef>
#include <cstdint>

struct HPOC_HPARAMS Hparams {
  int max_depth = 6;
  // CHECK: int   max_depth [3, 12] default 6
  long n_estimators{100};
  // CHECK: int   n_estimators [50, 200] default 100
  std::size_t batch_size = 32;
  // CHECK: int   batch_size [16, 64] default 32
  std::int64_t min_child = 1 << 2;
  // CHECK: int   min_child [2, 8] default 4
  unsigned warmup = 0;
  // CHECK: int   warmup [0, 10] default 0
  short layers = 1;
  // CHECK: int   layers [1, 5] default 1
  int seed = 42;
  // CHECK: # seed: not searched; trials get their seed from the runner ({seed})
};
