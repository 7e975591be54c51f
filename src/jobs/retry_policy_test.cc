#include "jobs/retry_policy.h"

#include <gtest/gtest.h>

namespace taiga::jobs {
namespace {

using std::chrono::milliseconds;

TEST(IsRetryable, TransientCodesRetryInputErrorsDoNot) {
  EXPECT_TRUE(IsRetryable(common::Unavailable("db down")));
  EXPECT_TRUE(IsRetryable(common::Aborted("serialization")));
  EXPECT_TRUE(IsRetryable(common::Conflict("busy")));
  EXPECT_TRUE(IsRetryable(common::Internal("exception")));
  EXPECT_FALSE(IsRetryable(common::InvalidArgument("On line 2: Expected 3 columns")));
  EXPECT_FALSE(IsRetryable(common::NotFound("no such upload")));
  EXPECT_FALSE(IsRetryable(common::FailedPrecondition("lease lost")));
  EXPECT_FALSE(IsRetryable(common::Status::Ok()));
}

TEST(RetryDelay, DoublesFromTheBaseAndStopsAtTheCap) {
  const milliseconds base(2000), cap(300000);
  EXPECT_EQ(RetryDelay(1, base, cap), milliseconds(2000));
  EXPECT_EQ(RetryDelay(2, base, cap), milliseconds(4000));
  EXPECT_EQ(RetryDelay(3, base, cap), milliseconds(8000));
  EXPECT_EQ(RetryDelay(8, base, cap), milliseconds(256000));
  EXPECT_EQ(RetryDelay(9, base, cap), cap);
  EXPECT_EQ(RetryDelay(1000, base, cap), cap);  // no overflow
  EXPECT_EQ(RetryDelay(0, base, cap), base);
}

}  // namespace
}  // namespace taiga::jobs
