// JobProgress: a convert::ProgressSink that shows a converter's progress in the job's task
// status and stops it (Aborted) once the job is cancelled or its lease is lost. Lent to one
// conversion; used from the job's thread only.
#pragma once

#include <string>

#include "convert/progress_sink.h"
#include "jobs/job_context.h"

namespace taiga::jobs {

class JobProgress final : public convert::ProgressSink {
 public:
  explicit JobProgress(JobContext& context) : context_(context) {}

  common::Status Report(uint64_t current, uint64_t total, std::string_view message) override {
    if (context_.cancelled()) return common::Aborted("stopped; the job will run again");
    common::Status s = context_.ReportProgress(static_cast<int64_t>(current),
                                               static_cast<int64_t>(total), std::string(message));
    if (s.code() == common::StatusCode::kFailedPrecondition) return s;  // lease lost: stop
    return common::Status::Ok();  // a database hiccup does not stop the conversion
  }

 private:
  JobContext& context_;
};

}  // namespace taiga::jobs
