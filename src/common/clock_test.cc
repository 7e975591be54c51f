#include "common/clock.h"

#include <gtest/gtest.h>

namespace taiga::common {
namespace {

TEST(FormatIsoTimestamp, PrintsMicrosecondsLikePython) {
  // 2026-12-03T21:51:08.243764Z
  EXPECT_EQ(FormatIsoTimestamp(1796334668243764LL), "2026-12-03T21:51:08.243764+00:00");
}

TEST(FormatIsoTimestamp, DropsAZeroFraction) {
  EXPECT_EQ(FormatIsoTimestamp(0), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(FormatIsoTimestamp(1000000LL * 86400), "1970-01-02T00:00:00+00:00");
}

TEST(FormatIsoTimestamp, KeepsLeadingZerosOfTheFraction) {
  EXPECT_EQ(FormatIsoTimestamp(5), "1970-01-01T00:00:00.000005+00:00");
}

TEST(FakeClock, Advances) {
  FakeClock clock(100);
  clock.Advance(50);
  EXPECT_EQ(clock.Now(), 150);
}

}  // namespace
}  // namespace taiga::common
