// `///` and `///<` comments (and /** */) become the parameters' descriptions;
// plain `//` comments do not.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
#include "hpoc_hparams.h"

struct HPOC_HPARAMS Hparams {
  /// Step size of the optimiser.
  /// Decayed by the scheduler.
  double learning_rate = 0.1;
  // CHECK: float learning_rate [0.01, 1] log default 0.1 "Step size of the optimiser. Decayed by the scheduler."
  int max_depth = 6; ///< Maximum depth of a "tree".
  // CHECK: int   max_depth [3, 12] default 6 "Maximum depth of a \"tree\"."
  /** Passes over the data. */
  int epochs = 10;
  // CHECK: int   epochs [5, 20] default 10 "Passes over the data."
  // Not a doc comment.
  int layers = 2;
  // CHECK: int   layers [1, 6] default 2{{$}}
};
