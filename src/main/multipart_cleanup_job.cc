#include "main/multipart_cleanup_job.h"

#include <string>

#include "s3api/multipart_uploads.h"

namespace taiga::main {

common::Status MultipartCleanupJob::Run(jobs::JobContext& context) {
  s3api::MultipartUploads uploads(store_);
  TAIGA_ASSIGN_OR_RETURN(int removed, uploads.Cleanup(clock_.Now(), max_age_seconds_));
  context.SetResult("{\"removed\":" + std::to_string(removed) + "}");
  return common::Status::Ok();
}

}  // namespace taiga::main
