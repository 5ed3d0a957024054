// std::string fields are not searched by `hpoc init` (it cannot guess their
// values); a study may search them with a categorical of words.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %hpoc init %s 2>&1 | FileCheck %s
// RUN: printf 'study s {\n task "t"\n goal { maximize acc }\n space {\n  categorical loss {mse, huber}\n  categorical name {a, b}\n }\n trainer { command "t {config} {metrics}" }\n}\n' > %t/s.hpo
// RUN: %hpoc check --no-path-checks %t/s.hpo --trainer %s 2>&1 | FileCheck %s --check-prefix=CHECKED
// CHECKED: study 's' is valid (2 parameters)
#include "hpoc_hparams.h"

#include <string>

struct HPOC_HPARAMS Hparams {
  std::string loss = "mse";
  // CHECK: # loss (std::string = "mse"): to search it, list its values: categorical loss {"mse", "other"}
  std::string name;
  // CHECK: # name (std::string = ""): to search it, list its values: categorical name {"a", "other"}
};
