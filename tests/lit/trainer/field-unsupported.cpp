// Fields a config cannot set are left alone: `hpoc init` lists them as
// comments and the generated loader does not read them.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
// RUN: %hpoc hparams %s 2>&1 | FileCheck %s --check-prefix=LOADER
#include "hpoc_hparams.h"

#include <vector>

struct HPOC_HPARAMS Hparams {
  std::vector<int> layers = {64, 64};
  // CHECK: # layers (std::vector<int>): a config cannot set this type
  // LOADER: // layers: std::vector<int>
  // LOADER-NEXT: // not read: a config cannot set this type
  const int version = 2;
  // CHECK: # version (const int): a config cannot set this type
  char separator = ',';
  // CHECK: # separator (char): a config cannot set this type
  unsigned flags : 3 = 1;
  // CHECK: # flags (unsigned int : 3): a config cannot set this type
  // LOADER: // flags: unsigned int : 3
  // LOADER-NEXT: // not read: a config cannot set this type
  int depth = 4;
  // CHECK: int   depth [2, 8] default 4
};
