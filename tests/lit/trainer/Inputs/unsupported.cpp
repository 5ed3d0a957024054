// A field whose type a config cannot set.
#include "hpoc_hparams.h"

#include <vector>

struct HPOC_HPARAMS Hparams {
  std::vector<int> layers = {64, 64};
};
