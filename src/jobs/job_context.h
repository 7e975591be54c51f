// JobContext: what a running job sees of its worker — its input, a way to report progress and
// hand back a result, and whether it should stop. Lent to JobKind::Run for one attempt and
// valid only during it. Used by the job's own thread; cancelled() may be read from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace taiga::jobs {

class JobContext {
 public:
  virtual ~JobContext() = default;

  // The job (task) id clients poll, UUID36.
  virtual const std::string& job_id() const = 0;
  // The JSON text the job was enqueued with.
  virtual const std::string& payload() const = 0;
  // 1 for the first attempt; higher when earlier attempts failed or their worker died.
  virtual int64_t attempt() const = 0;

  // Shows progress in the task status (state PROGRESS; e.g. 40 of 100, "Conversion in
  // progress, line 40"). Cheap to call often: writes are coalesced to a few per second, so a
  // report may not appear. Errors: FailedPrecondition when the lease was lost (stop: another
  // worker runs the job now); Unavailable when the database failed (the job may go on).
  virtual common::Status ReportProgress(int64_t current, int64_t total,
                                        const std::string& message) = 0;
  // The JSON text stored as the job's result when Run returns Ok (task status "result").
  virtual void SetResult(std::string json) = 0;
  // True once the job should stop as soon as it can: the process is shutting down (the job is
  // handed back and runs again later) or the lease was lost. Return any non-Ok status then.
  virtual bool cancelled() const = 0;
};

}  // namespace taiga::jobs
