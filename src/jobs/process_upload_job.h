// ProcessUploadJob ("upload.process"): turns an object a client uploaded into a stored blob.
// Raw: streams it once, hashing SHA-256 and MD5, and moves it to its content-addressed key
// ("blobs/<2 hex>/<sha256>", so the same bytes are stored once). Tables and matrices: converts
// them (ImportUpload: columnar or HDF5, a gzip copy, summaries, column types, preview) and
// deletes the upload. Records the results on the session file and marks it ready, or failed
// with a message a person can act on (a bad file fails at once; store or database trouble is
// retried). Idempotent: a ready file is left alone; a retry starts again. Thread-safe (holds
// references to thread-safe services).
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "convert/columnar_writer.h"
#include "db/database.h"
#include "db/upload_repository.h"
#include "jobs/job_kind.h"

namespace taiga::jobs {

class ProcessUploadJob final : public JobKind {
 public:
  static constexpr char kName[] = "upload.process";

  // `scratch_dir`: a local directory for the HDF5 files of matrix imports; `columnar`: how
  // table imports compress (zlib level, threads; the defaults write Taiga 2's bytes).
  ProcessUploadJob(db::Database& db, blob::BlobStore& store, const common::Clock& clock,
                   std::string scratch_dir, convert::ColumnarWriterOptions columnar = {})
      : db_(db),
        store_(store),
        clock_(clock),
        scratch_dir_(std::move(scratch_dir)),
        columnar_(columnar) {}

  std::string_view name() const override { return kName; }
  common::Status Run(JobContext& context) override;

 private:
  // Marks the file failed with `why` and returns the error that ends the job.
  common::Status FailFile(const std::string& file_id, const std::string& why);
  // Hashes the `size` bytes uploaded at `key` and moves them to their content key.
  common::Result<db::ProcessedUpload> StoreRaw(JobContext& context, const std::string& key,
                                               uint64_t size);
  common::Result<db::ProcessedUpload> Convert(JobContext& context,
                                              const domain::UploadSessionFile& file, uint64_t size);

  db::Database& db_;
  blob::BlobStore& store_;
  const common::Clock& clock_;
  std::string scratch_dir_;
  convert::ColumnarWriterOptions columnar_;
};

}  // namespace taiga::jobs
