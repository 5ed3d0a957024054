#include "runtime/llm/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <random>
#include <thread>

namespace hpoc::llm {

RetryClock RetryClock::system() {
  RetryClock clock;
  clock.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  clock.jitter = [] {
    static std::mutex mutex;
    static std::mt19937_64 engine{std::random_device{}()};
    std::lock_guard<std::mutex> lock(mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
  clock.now = [] { return std::chrono::steady_clock::now(); };
  return clock;
}

RetryVerdict classifyAttempt(const HttpResponse& response) {
  if (response.error != TransportError::None)
    return response.error == TransportError::Other ? RetryVerdict::Done : RetryVerdict::Retry;
  long s = response.status;
  if (s == 429)
    return retryAfter(response) ? RetryVerdict::RetryAfter : RetryVerdict::Retry;
  if (s == 408 || s == 409 || (s >= 500 && s <= 599))
    return RetryVerdict::Retry;
  return RetryVerdict::Done;
}

std::optional<std::chrono::milliseconds> retryAfter(const HttpResponse& response) {
  auto it = response.headers.find("retry-after");
  if (it == response.headers.end() || it->second.empty())
    return std::nullopt;
  const std::string& v = it->second;
  if (!std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); }) ||
      v.size() > 9)
    return std::nullopt;
  return std::chrono::milliseconds(std::stol(v) * 1000);
}

std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap, double jitter01) {
  double raw = static_cast<double>(base.count());
  for (int i = 1; i < attempt && raw < static_cast<double>(cap.count()); ++i)
    raw *= 2;
  raw = std::min(raw, static_cast<double>(cap.count()));
  jitter01 = std::clamp(jitter01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(raw * (0.5 + 0.5 * jitter01)));
}

} // namespace hpoc::llm
