// Clock: the one source of "now", injectable so tests can fix time.
// Timestamps are microseconds since the Unix epoch, UTC (Timestamp). Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace taiga::common {

using Timestamp = int64_t;  // microseconds since 1970-01-01T00:00:00Z

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that returns what it is set to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Advance(int64_t micros) { now_ += micros; }

 private:
  Timestamp now_;
};

// ISO 8601 as Python's isoformat() prints an aware UTC datetime:
// "2026-12-03T21:51:08.243764+00:00", without the fraction when it is zero.
std::string FormatIsoTimestamp(Timestamp ts);

}  // namespace taiga::common
