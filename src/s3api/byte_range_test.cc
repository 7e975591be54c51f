#include "s3api/byte_range.h"

#include <gtest/gtest.h>

namespace taiga::s3api {
namespace {

TEST(ParseRange, ServesOneRange) {
  const auto partial = [](const char* h, uint64_t size, uint64_t first, uint64_t last) {
    const RangeRequest r = ParseRange(h, size);
    EXPECT_EQ(r.kind, RangeKind::kPartial) << h;
    EXPECT_EQ(r.range.first, first) << h;
    EXPECT_EQ(r.range.last, last) << h;
  };
  partial("bytes=0-0", 10, 0, 0);
  partial("bytes=2-5", 10, 2, 5);
  partial("bytes=2-", 10, 2, 9);
  partial("bytes=5-100", 10, 5, 9);
  partial("bytes=-3", 10, 7, 9);
  partial("bytes=-30", 10, 0, 9);
  partial(" bytes=1 - 2 ", 10, 1, 2);
}

TEST(ParseRange, UnsatisfiableAndIgnoredRanges) {
  EXPECT_EQ(ParseRange("bytes=10-", 10).kind, RangeKind::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=10-20", 10).kind, RangeKind::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=-0", 10).kind, RangeKind::kUnsatisfiable);
  EXPECT_EQ(ParseRange("bytes=0-", 0).kind, RangeKind::kUnsatisfiable);
  for (const char* h : {"", "bytes", "bytes=", "bytes=5-2", "bytes=a-b", "items=0-1",
                        "bytes=0-1,3-4", "bytes=--1", "bytes=1"}) {
    EXPECT_EQ(ParseRange(h, 10).kind, RangeKind::kWhole) << h;
  }
  EXPECT_EQ(ParseRange(std::nullopt, 10).kind, RangeKind::kWhole);
}

}  // namespace
}  // namespace taiga::s3api
