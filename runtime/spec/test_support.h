// A small study for the runtime's unit tests (and, through support/, a temporary folder).
#pragma once

#include "runtime/spec/study_spec.h"
#include "runtime/support/test_support.h"

#include <string>

namespace hpoc::rt::testsupport {

/// lr (float, log), layers (int), opt {adam, sgd}, momentum when opt == sgd, batch {32, 64}.
inline StudySpec smallStudy() {
  StudySpec s;
  s.name = "small";
  s.goal.metric = "acc";
  s.space.push_back(ParamSpec::floatRange("lr", 1e-5, 1e-1).logScale().describe("Learning rate."));
  s.space.push_back(ParamSpec::intRange("layers", 1, 4));
  s.space.push_back(ParamSpec::categorical("opt", {"adam", "sgd"}));
  s.space.push_back(ParamSpec::floatRange("momentum", 0.5, 0.99)
                        .onlyWhen(Condition::compare("opt", Condition::Op::Eq, "sgd")));
  s.space.push_back(ParamSpec::ordinal("batch", {32, 64}));
  return s;
}

} // namespace hpoc::rt::testsupport
