// S3BlobWriter: streams one object into S3 through a buffer of one part: an object that fits is
// a single PutObject at Commit; a bigger one becomes a multipart upload (Create, UploadPart per
// full buffer, Complete at Commit). Each body is signed with its real SHA-256. Nothing is
// visible before Commit; an uncommitted writer aborts its multipart upload when destroyed.
// Used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "blob/blob_store.h"
#include "blob/s3/s3_client.h"
#include "blob/stream_hasher.h"

namespace taiga::blob {

class S3BlobWriter final : public BlobWriter {
 public:
  S3BlobWriter(std::shared_ptr<S3Client> client, std::string key);
  ~S3BlobWriter() override;
  S3BlobWriter(const S3BlobWriter&) = delete;
  S3BlobWriter& operator=(const S3BlobWriter&) = delete;

  common::Status Write(std::string_view bytes) override;
  common::Result<WriteResult> Commit() override;

  // The size of part `n` (1-based): part_size, doubled every 2000 parts.
  static uint64_t PartSize(uint64_t base, int n);

 private:
  common::Status FlushPart();
  common::Status Fail(common::Status s);
  void Abort();

  std::shared_ptr<S3Client> client_;
  std::string key_;
  std::string buffer_;  // the current part, at most PartSize(part number) bytes
  std::string upload_id_;
  std::vector<std::string> etags_;  // of the uploaded parts, in order
  StreamHasher hasher_;
  uint64_t size_ = 0;
  bool finished_ = false;  // committed or failed
};

}  // namespace taiga::blob
