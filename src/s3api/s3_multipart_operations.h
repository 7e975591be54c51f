// S3MultipartOperations: CreateMultipartUpload, UploadPart, CompleteMultipartUpload and
// AbortMultipartUpload of the embedded S3 endpoint over a BlobStore (state in
// MultipartUploads). Parts may arrive concurrently and in any order; each is verified and
// stored under its number and MD5; Complete checks the listed parts and their ETags and
// concatenates them into the object. Each operation answers through call.respond
// on success and returns the error otherwise. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "blob/blob_store.h"
#include "common/status.h"
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
  S3MultipartOperations(blob::BlobStore& store, S3MultipartLimits limits)
      : store_(store), uploads_(store), limits_(limits) {}

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
  // Writes the concatenation of the blobs `parts` to `key`: inside the kernel on a
  // LocalBlobStore (no re-read, re-hash or user-space copy; Complete needs no digest of the
  // object), streamed through a BlobWriter on any other store.
  common::Status Concatenate(const std::vector<std::string>& parts, const std::string& key);

  blob::BlobStore& store_;
  MultipartUploads uploads_;
  S3MultipartLimits limits_;
};

}  // namespace taiga::s3api
