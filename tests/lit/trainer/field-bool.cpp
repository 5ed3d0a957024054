// bool fields become bool parameters.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
#include "hpoc_hparams.h"

struct HPOC_HPARAMS Hparams {
  bool shuffle = true;
  // CHECK: bool  shuffle default true
  bool use_scale{};
  // CHECK: bool  use_scale default false
};
