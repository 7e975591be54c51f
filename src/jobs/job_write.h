// WriteJobs: runs one piece of queue bookkeeping (JobRepository calls) in its own kWrite
// transaction and commits it, trying again a few times, shortly after, when the database was
// busy, unreachable or a concurrent writer won. Used by the worker side only (services insert
// jobs in their own transactions). Thread-safe as Database is.
#pragma once

#include <chrono>
#include <thread>

#include "common/result.h"
#include "db/database.h"

namespace taiga::jobs {

inline bool IsTransientDbError(const common::Status& s) {
  return s.code() == common::StatusCode::kUnavailable || s.code() == common::StatusCode::kAborted ||
         s.code() == common::StatusCode::kConflict;
}

// `body(db::JobRepository&)` returns a Result<T>; it may run more than once.
template <typename T, typename F>
common::Result<T> WriteJobs(db::Database& db, F&& body) {
  constexpr int kTries = 3;
  constexpr std::chrono::milliseconds kPause(50);
  common::Status last;
  for (int attempt = 0; attempt < kTries; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(kPause * attempt);
    auto tx = db.Begin(db::TxMode::kWrite);
    if (!tx.ok()) {
      last = tx.status();
    } else if (common::Result<T> r = body((*tx)->Jobs()); !r.ok()) {
      last = r.status();
    } else if (common::Status c = (*tx)->Commit(); !c.ok()) {
      last = c;
    } else {
      return r;
    }
    if (!IsTransientDbError(last)) return last;
  }
  return last;
}

}  // namespace taiga::jobs
