// WorkerJobContext: the JobContext a WorkerPool lends to one attempt of one job. Owns a copy of
// the claimed job; progress goes straight to the database under the attempt's lease. Its
// cancel flags are atomics (set by the pool's stop and by the lease renewer, read by the job);
// everything else is used only by the thread running the job.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "db/database.h"
#include "domain/job.h"
#include "jobs/job_context.h"

namespace taiga::jobs {

class WorkerJobContext final : public JobContext {
 public:
  // `db` and `stopping` must outlive the context. Progress is written at most once per
  // `progress_interval` (the first report always is).
  WorkerJobContext(db::Database& db, domain::Job job, std::string owner,
                   const std::atomic<bool>& stopping, std::chrono::milliseconds progress_interval)
      : db_(db),
        job_(std::move(job)),
        owner_(std::move(owner)),
        stopping_(stopping),
        progress_interval_(progress_interval) {}

  const std::string& job_id() const override { return job_.id; }
  const std::string& payload() const override { return job_.payload; }
  int64_t attempt() const override { return job_.attempts; }
  common::Status ReportProgress(int64_t current, int64_t total,
                                const std::string& message) override;
  void SetResult(std::string json) override { result_ = std::move(json); }
  bool cancelled() const override { return stopping_.load() || lease_lost_.load(); }

  const domain::Job& job() const { return job_; }
  const std::string& owner() const { return owner_; }
  const std::optional<std::string>& result() const { return result_; }
  // Called when a renewal found the lease gone: the job must stop; its outcome is discarded.
  void MarkLeaseLost() { lease_lost_.store(true); }
  bool lease_lost() const { return lease_lost_.load(); }

 private:
  db::Database& db_;
  const domain::Job job_;
  const std::string owner_;
  const std::atomic<bool>& stopping_;
  const std::chrono::milliseconds progress_interval_;
  std::atomic<bool> lease_lost_{false};
  std::optional<std::string> result_;
  std::optional<std::chrono::steady_clock::time_point> last_progress_;
};

}  // namespace taiga::jobs
