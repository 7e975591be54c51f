// S3MultipartOperations: CreateMultipartUpload, UploadPart, CompleteMultipartUpload and
// AbortMultipartUpload of the embedded S3 endpoint over a BlobStore (state in
// MultipartUploads). Parts may arrive concurrently and in any order; each is verified and
// stored under its number and MD5 — on a LocalBlobStore in place in the upload's data file
// where it can (LocalPartSlots) —; Complete checks the listed parts and their ETags and
// publishes that data file as the object when the parts are laid end to end in it, or else
// concatenates them into the object. Each operation answers through call.respond on success
// and returns the error otherwise. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "blob/blob_store.h"
#include "common/status.h"
#include "s3api/local_part_slots.h"
#include "s3api/multipart_uploads.h"
#include "s3api/s3_call.h"

namespace taiga::s3api {

struct S3MultipartLimits {
  uint64_t max_part_bytes = 5ull << 30;  // S3's limit per part
  uint64_t min_part_bytes = 5ull << 20;  // every part but the last (EntityTooSmall)
  uint64_t max_complete_body_bytes = 2 << 20;
};

class S3MultipartOperations {
 public:
  S3MultipartOperations(blob::BlobStore& store, S3MultipartLimits limits);

  common::Status Create(S3Call& call);
  common::Status UploadPart(S3Call& call, const std::string& upload_id,
                            const std::string& part_number);
  common::Status Complete(S3Call& call, const std::string& upload_id);
  common::Status Abort(S3Call& call, const std::string& upload_id);

  MultipartUploads& uploads() { return uploads_; }

 private:
  // The upload, checked to be for this key and these credentials.
  common::Result<MultipartUpload> FindOwn(const S3Call& call, const std::string& upload_id);
  common::Result<std::string> ReadCompleteBody(S3Call& call);
  // Where the listed part is: its slot, or its part file. Errors: InvalidPart, Unavailable.
  common::Result<blob::LocalBlobRange> FindPart(const MultipartUpload& upload, int number,
                                                const std::string& etag);
  // Writes the concatenation of the ranges `parts` to `key`: inside the kernel on a
  // LocalBlobStore (no re-read, re-hash or user-space copy; Complete needs no digest of the
  // object), streamed through a BlobWriter on any other store.
  common::Status Concatenate(const std::vector<blob::LocalBlobRange>& parts,
                             const std::string& key);

  blob::BlobStore& store_;
  MultipartUploads uploads_;
  S3MultipartLimits limits_;
  std::optional<LocalPartSlots> slots_;  // on a LocalBlobStore
};

}  // namespace taiga::s3api
