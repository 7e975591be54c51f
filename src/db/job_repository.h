// JobRepository: the durable job queue (the `jobs` table), inside one Transaction. Services
// Insert jobs in their own write transaction, so a job exists exactly when the write that
// needs it committed. Workers Claim a job with a lease, renew it while they run, and end it
// with Complete or Fail; every call after Claim names the lease owner and changes nothing
// (returns false / nullopt) once that worker has lost the lease. Use the worker calls in kWrite
// transactions. Not thread-safe (belongs to its transaction). All calls return Unavailable when
// the database fails, and Aborted when a concurrent writer won (retry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/job.h"

namespace taiga::db {

struct JobClaim {
  std::string owner;          // who holds the lease, e.g. "host:pid:nonce/w0"
  common::Timestamp now = 0;  // jobs with run_after <= now, or leases expired by now
  common::Timestamp lease_until = 0;
  // Only jobs of these kinds; nullopt: any kind; an empty list claims nothing.
  std::optional<std::vector<std::string>> kinds;
};

class JobRepository {
 public:
  virtual ~JobRepository() = default;

  // Stores a new job as given (normally domain::NewJob). Errors: AlreadyExists for a used id.
  virtual common::Status Insert(const domain::Job& job) = 0;
  // The job with this id; nullopt when there is none.
  virtual common::Result<std::optional<domain::Job>> Find(const std::string& id) = 0;

  // Takes the oldest runnable job — PENDING with run_after <= now, or STARTED/PROGRESS whose
  // lease expired — and returns it as STARTED with attempts + 1 and the new lease; nullopt when
  // none is runnable. Never gives one job to two claimers (PostgreSQL: FOR UPDATE SKIP LOCKED;
  // SQLite: the single writer). A job whose lease expired after its last allowed attempt becomes
  // FAILURE instead (its worker died every time). Must be the first call of its kWrite
  // transaction: on PostgreSQL it switches that transaction to READ COMMITTED.
  virtual common::Result<std::optional<domain::Job>> Claim(const JobClaim& claim) = 0;
  // Extends the lease to `until`; false when `owner` no longer holds it.
  virtual common::Result<bool> RenewLease(const std::string& id, const std::string& owner,
                                          common::Timestamp until) = 0;
  // Records progress (state PROGRESS); false when `owner` no longer holds the lease.
  virtual common::Result<bool> ReportProgress(const std::string& id, const std::string& owner,
                                              int64_t current, int64_t total,
                                              const std::string& message) = 0;
  // Ends the job as SUCCESS with an optional JSON result; false when the lease was lost.
  virtual common::Result<bool> Complete(const std::string& id, const std::string& owner,
                                        const std::optional<std::string>& result) = 0;
  // Records a failed attempt. With `retry_at` and attempts < max_attempts the job goes back to
  // PENDING with run_after = retry_at; otherwise it ends as FAILURE. Either way `error` is kept.
  // Returns the new state; nullopt when the lease was lost.
  virtual common::Result<std::optional<domain::JobState>> Fail(
      const std::string& id, const std::string& owner, const std::string& error,
      std::optional<common::Timestamp> retry_at) = 0;
  // Hands every running job of `owner` back (graceful shutdown): PENDING, runnable at once,
  // that attempt not counted. Returns how many jobs were handed back.
  virtual common::Result<int64_t> ReleaseLeases(const std::string& owner) = 0;
};

}  // namespace taiga::db
