// The raw attribute marks the struct as well as the HPOC_HPARAMS macro does.
// RUN: %hpoc init %s 2>&1 | FileCheck %s
// CHECK: # A starting study for raw-attribute.cpp, written by `hpoc init` from the struct Knobs.
// CHECK: study raw_attribute {
// CHECK: float alpha [0.1, 10] log default 1

struct [[clang::annotate("hpoc::hparams")]] Knobs {
  double alpha = 1.0;
};
