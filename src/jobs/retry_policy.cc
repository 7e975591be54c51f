#include "jobs/retry_policy.h"

#include <algorithm>

namespace taiga::jobs {

bool IsRetryable(const common::Status& status) {
  switch (status.code()) {
    case common::StatusCode::kUnavailable:
    case common::StatusCode::kAborted:
    case common::StatusCode::kConflict:
    case common::StatusCode::kInternal:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds RetryDelay(int64_t attempt, std::chrono::milliseconds base,
                                     std::chrono::milliseconds cap) {
  std::chrono::milliseconds delay = base;
  for (int64_t i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace taiga::jobs
