#include "jobs/worker_job_context.h"

#include "jobs/job_write.h"

namespace taiga::jobs {

common::Status WorkerJobContext::ReportProgress(int64_t current, int64_t total,
                                                const std::string& message) {
  if (lease_lost()) {
    return common::FailedPrecondition("job " + job_.id + " lost its lease; stop working on it");
  }
  const auto now = std::chrono::steady_clock::now();
  if (last_progress_ && now - *last_progress_ < progress_interval_) return common::Status::Ok();
  last_progress_ = now;
  auto held = WriteJobs<bool>(db_, [&](db::JobRepository& jobs) {
    return jobs.ReportProgress(job_.id, owner_, current, total, message);
  });
  if (!held.ok()) return held.status();
  if (!*held) {
    MarkLeaseLost();
    return common::FailedPrecondition("job " + job_.id + " lost its lease; stop working on it");
  }
  return common::Status::Ok();
}

}  // namespace taiga::jobs
