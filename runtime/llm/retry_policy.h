// When a failed Chat Completions attempt is worth repeating, and how long to wait
// first. Pure functions of the outcome, so the rules are tested without a network.
#pragma once

#include "runtime/llm/http_client.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace hpoc::llm {

/// The pause between attempts, injectable: tests record the waits instead of sleeping.
struct RetryClock {
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Uniform in [0, 1); spreads clients that failed together.
  std::function<double()> jitter;
  /// Monotonic time, for latency measurements.
  std::function<std::chrono::steady_clock::time_point()> now;

  /// Real sleep, a process-wide random source and steady_clock.
  static RetryClock system();
};

enum class RetryVerdict {
  Done,       ///< success, or a failure that a retry cannot fix (400, 401, 404, ...)
  Retry,      ///< wait backoffDelay() and try again
  RetryAfter, ///< 429 with a Retry-After the server asked us to honour
};

/// Classifies one HTTP outcome. Retried: connection errors, timeouts, 408, 409,
/// 429 and every 5xx. Everything else is final.
RetryVerdict classifyAttempt(const HttpResponse& response);

/// The Retry-After header in seconds (the delta-seconds form; an HTTP date is
/// ignored), or nullopt.
std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse& response);

/// Exponential backoff with jitter for the attempt that just failed (1-based):
/// base * 2^(attempt-1), capped, then scaled into [50%, 100%] of that by `jitter01`.
std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, double jitter01);

} // namespace hpoc::llm
