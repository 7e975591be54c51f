// MultipartCleanupJob ("maintenance.multipart_cleanup"): removes the embedded S3 endpoint's
// abandoned multipart uploads and unverified staging bytes older than a day. Lives in main
// because it joins the job layer with the embedded endpoint's state (s3api), which no lower
// layer may do. Idempotent; thread-safe.
#pragma once

#include <cstdint>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "jobs/job_kind.h"

namespace taiga::main {

class MultipartCleanupJob final : public jobs::JobKind {
 public:
  static constexpr char kName[] = "maintenance.multipart_cleanup";

  MultipartCleanupJob(blob::BlobStore& store, const common::Clock& clock,
                      int64_t max_age_seconds = 24 * 3600)
      : store_(store), clock_(clock), max_age_seconds_(max_age_seconds) {}

  std::string_view name() const override { return kName; }
  common::Status Run(jobs::JobContext& context) override;

 private:
  blob::BlobStore& store_;
  const common::Clock& clock_;
  int64_t max_age_seconds_;
};

}  // namespace taiga::main
