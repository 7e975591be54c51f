// WorkerPool: the threads that run queued jobs in this process (`taiga serve`, `taiga worker`).
// Each worker claims the oldest runnable job of a registered kind with a lease, runs its
// JobKind, and completes it, or fails it with exponential backoff (RetryPolicy); a LeaseRenewer
// thread keeps the leases of running jobs alive. Idle workers poll, and Notify (JobNotifier)
// wakes them at once. Stop cancels running jobs, hands back those that do not finish (their
// attempt is not counted) and joins. Thread-safe; the database, registry and clock must
// outlive the pool.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "db/database.h"
#include "domain/job.h"
#include "jobs/job_notifier.h"
#include "jobs/job_registry.h"
#include "jobs/lease_renewer.h"
#include "jobs/worker_job_context.h"

namespace taiga::jobs {

struct WorkerPoolOptions {
  int threads = 2;                                   // workers.threads; 0: Start does nothing
  std::chrono::milliseconds lease{60'000};           // workers.lease_seconds
  std::chrono::milliseconds renew_every{0};          // 0: a third of the lease
  std::chrono::milliseconds poll_interval{200};      // idle wait between claims (Notify cuts it)
  std::chrono::milliseconds retry_base{2'000};       // retry after base * 2^(attempt-1) ...
  std::chrono::milliseconds retry_cap{300'000};      // ... but never later than this
  std::chrono::milliseconds stop_grace{10'000};      // Stop waits this long for running jobs
  std::chrono::milliseconds progress_interval{250};  // at most one progress write per this
  // workers.max_attempts: no retry after this many attempts (nor after the job's own limit).
  int64_t max_attempts = domain::kDefaultJobMaxAttempts;
  std::string owner;  // lease owner prefix; empty: "<host>:<pid>:<random>"
};

class WorkerPool final : public JobNotifier {
 public:
  WorkerPool(db::Database& db, const JobRegistry& registry, const common::Clock& clock,
             WorkerPoolOptions options);
  ~WorkerPool() override;  // Stop()

  // Starts the workers and the lease renewer, for the kinds registered by now. Does nothing
  // (Ok) when options.threads is 0 or no kind is registered. Errors: FailedPrecondition when
  // started before.
  common::Status Start();
  // Wakes idle workers to claim at once. Cheap; callable from any thread, before Start too.
  void Notify();
  void JobsEnqueued() override { Notify(); }
  // Cancels running jobs (JobContext::cancelled), waits up to stop_grace for them, hands back
  // every job still held (ReleaseLeases), joins all threads. Idempotent.
  void Stop();

  // Workers claiming or running a job right now (for tests and metrics).
  int busy() const;
  // The lease owner names of this pool's workers ("<prefix>/w<N>").
  std::vector<std::string> owners() const;

 private:
  void WorkerLoop(const std::string& owner);
  // Claims and runs one job; false when none was runnable (or the claim failed).
  bool RunOne(const std::string& owner, std::chrono::steady_clock::time_point* last_error_log);
  void Execute(const std::string& owner, domain::Job job);
  void Finish(WorkerJobContext& context, const common::Status& status);
  void WaitForWork(uint64_t seen_generation);

  db::Database& db_;
  const JobRegistry& registry_;
  const common::Clock& clock_;
  const WorkerPoolOptions options_;
  const std::string owner_prefix_;
  std::vector<std::string> kinds_;  // the registry's kinds, read by Start
  LeaseRenewer renewer_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::condition_variable wake_;      // guarded by mu_: generation_ changed or stopping_
  std::condition_variable idle_;      // guarded by mu_: busy_ went down
  uint64_t generation_ = 0;           // guarded by mu_; bumped by Notify
  int busy_ = 0;                      // guarded by mu_
  bool started_ = false;              // guarded by mu_
  bool stopped_ = false;              // guarded by mu_
  std::vector<std::string> owners_;   // set by Start, then read-only
  std::vector<std::thread> threads_;  // guarded by mu_ until Stop joins them
};

}  // namespace taiga::jobs
