// A struct with a field that has no default member initialiser.
#include "hpoc_hparams.h"

struct HPOC_HPARAMS Hparams {
  double learning_rate = 1e-3;
  /// Passes over the data.
  int epochs;
};
