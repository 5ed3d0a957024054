#include "runtime/llm/retry_policy.h"

#include <gtest/gtest.h>

namespace hpoc::llm {
namespace {

using std::chrono::milliseconds;

HttpResponse status(long s, std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = s;
  r.headers = std::move(headers);
  return r;
}

TEST(RetryPolicyTest, ClassifiesStatuses) {
  EXPECT_EQ(classifyAttempt(status(200)), RetryVerdict::Done);
  for (long s : {400L, 401L, 403L, 404L, 422L})
    EXPECT_EQ(classifyAttempt(status(s)), RetryVerdict::Done) << s;
  for (long s : {408L, 409L, 500L, 502L, 503L, 504L})
    EXPECT_EQ(classifyAttempt(status(s)), RetryVerdict::Retry) << s;
  EXPECT_EQ(classifyAttempt(status(429)), RetryVerdict::Retry);
  EXPECT_EQ(classifyAttempt(status(429, {{"retry-after", "3"}})), RetryVerdict::RetryAfter);
}

TEST(RetryPolicyTest, ClassifiesTransportErrors) {
  HttpResponse r;
  r.error = TransportError::Connect;
  EXPECT_EQ(classifyAttempt(r), RetryVerdict::Retry);
  r.error = TransportError::Timeout;
  EXPECT_EQ(classifyAttempt(r), RetryVerdict::Retry);
  r.error = TransportError::Other;
  EXPECT_EQ(classifyAttempt(r), RetryVerdict::Done);
}

TEST(RetryPolicyTest, RetryAfterAcceptsSecondsOnly) {
  EXPECT_EQ(retryAfter(status(429, {{"retry-after", "7"}})), milliseconds(7'000));
  EXPECT_EQ(retryAfter(status(429, {{"retry-after", "Wed, 21 Oct 2026 07:28:00 GMT"}})),
            std::nullopt);
  EXPECT_EQ(retryAfter(status(429, {{"retry-after", "-1"}})), std::nullopt);
  EXPECT_EQ(retryAfter(status(429)), std::nullopt);
}

TEST(RetryPolicyTest, BackoffDoublesIsCappedAndJittered) {
  milliseconds base(100), cap(1'000);
  EXPECT_EQ(backoffDelay(1, base, cap, 1.0), milliseconds(100));
  EXPECT_EQ(backoffDelay(2, base, cap, 1.0), milliseconds(200));
  EXPECT_EQ(backoffDelay(3, base, cap, 1.0), milliseconds(400));
  EXPECT_EQ(backoffDelay(10, base, cap, 1.0), milliseconds(1'000));
  EXPECT_EQ(backoffDelay(2, base, cap, 0.0), milliseconds(100));
  EXPECT_EQ(backoffDelay(60, base, cap, 0.0), milliseconds(500))
      << "no overflow for large attempts";
}

} // namespace
} // namespace hpoc::llm
