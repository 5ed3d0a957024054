// The outermost frame of a runner process: what it does with an exception that
// nothing below caught.
#pragma once

#include "runtime/support/exit_codes.h"

#include <functional>
#include <iosfwd>
#include <string>

namespace hpoc::rt {

/// The exit status of a runner (and of hpoc) when an exception escaped: a bug, not
/// a user's error. docs/strategies.md lists the statuses.
inline constexpr int kInternalErrorStatus = kRunExitInternal;

/// Runs `body` and returns its status. An exception that escapes it is written to
/// `err` as one line, `<who>: internal error: <what>`, and gives
/// kInternalErrorStatus, instead of std::terminate's abort and core dump.
int runGuarded(const std::string& who, const std::function<int()>& body, std::ostream& err);

} // namespace hpoc::rt
