// JobKind: one kind of background job (one file per kind under src/jobs/, e.g.
// ProcessUploadJob), registered by name in a JobRegistry. A WorkerPool calls Run once per
// attempt, possibly from several threads at once for different jobs, so Run must be
// thread-safe (kinds normally hold only references to thread-safe services).
//
// The contract every kind keeps:
//   * Idempotent: an attempt may run more than once (its worker died after doing the work, or
//     lost its lease, or the process stopped), so running it again must give the same result
//     and must not duplicate effects: write content-addressed blobs, upsert rows keyed by the
//     job, check whether the work is already done. The queue cannot do this for the kind.
//   * Honest statuses: Ok = done. Unavailable, Aborted, Conflict or Internal = maybe transient:
//     the job is retried with backoff (2^attempt s, capped) until max_attempts. Any other code
//     (InvalidArgument, NotFound, FailedPrecondition, ...) = the input is wrong: the job fails
//     at once, and the status message is what the user sees, so make it actionable.
//   * Exceptions are caught by the worker and count as Internal (retried); prefer Status.
//   * Long work checks JobContext::cancelled() now and then and returns when it is set.
#pragma once

#include <string_view>

#include "common/status.h"
#include "jobs/job_context.h"

namespace taiga::jobs {

class JobKind {
 public:
  virtual ~JobKind() = default;
  // The name stored in jobs.kind, e.g. "upload.process": [a-z0-9._-], at most 64 characters.
  // Never rename a kind that has shipped: queued rows refer to it.
  virtual std::string_view name() const = 0;
  // Runs one attempt of the job described by `context`. Returns Ok when it is done.
  virtual common::Status Run(JobContext& context) = 0;
};

}  // namespace taiga::jobs
