// ProcessUploadJob ("upload.process"): turns an object a client uploaded into a stored blob —
// streams it once, hashing SHA-256 and MD5 of the uploaded bytes, moves it to its
// content-addressed key ("blobs/<2 hex>/<sha256>", so the same bytes are stored once),
// records the blob and the session file's summary, and marks the file ready (or failed, with
// a message a person can act on). Idempotent: a ready file is left alone; a retry re-hashes.
// Thread-safe (holds references to thread-safe services).
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "db/database.h"
#include "jobs/job_kind.h"

namespace taiga::jobs {

class ProcessUploadJob final : public JobKind {
 public:
  static constexpr char kName[] = "upload.process";

  ProcessUploadJob(db::Database& db, blob::BlobStore& store, const common::Clock& clock)
      : db_(db), store_(store), clock_(clock) {}

  std::string_view name() const override { return kName; }
  common::Status Run(JobContext& context) override;

 private:
  // Marks the file failed with `why` and returns the error that ends the job.
  common::Status FailFile(const std::string& file_id, const std::string& why);

  db::Database& db_;
  blob::BlobStore& store_;
  const common::Clock& clock_;
};

// "blobs/ab/abcdef…" for a SHA-256.
std::string ContentKey(const std::string& sha256);

}  // namespace taiga::jobs
