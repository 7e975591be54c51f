// RetryPolicy: which failed attempts are tried again, and after how long (JobKind's contract).
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/status.h"

namespace taiga::jobs {

// True for failures that may go away by themselves: Unavailable, Aborted, Conflict and
// Internal (which includes exceptions). False for Ok and for errors in the job's input.
bool IsRetryable(const common::Status& status);

// The wait before the next try after `attempt` (1-based) failed: base * 2^(attempt-1), at most
// `cap`. With base 2 s: 2 s, 4 s, 8 s, ...
std::chrono::milliseconds RetryDelay(int64_t attempt, std::chrono::milliseconds base,
                                     std::chrono::milliseconds cap);

}  // namespace taiga::jobs
