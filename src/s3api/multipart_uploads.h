// MultipartUploads: the state of the S3 endpoint's multipart uploads, kept as small blobs in the
// store itself so it survives restarts and is shared by every server on the same store:
//   multipart/<id>.meta                 who started it, for which key, when
//   multipart/<id>.part-<nnnnn>-<md5>   an uploaded part in a file of its own (md5: its ETag)
//   multipart/<id>.data, .stride, .slot-<nnnnn>   parts written in place (LocalPartSlots)
//   multipart/<id>.stage-<random>       bytes still being verified
//   multipart/put-<secs>-<hex>.body     a PutObject's bytes still being verified
// One flat directory, so the local store leaves no empty directory per upload behind. Upload
// ids are "<unix seconds>-<32 hex>": even pieces without meta have an age for Cleanup.
// Thread-safe (the store is; no state of its own).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::s3api {

struct MultipartUpload {
  std::string id;
  std::string key;           // the object it will become
  std::string owner_prefix;  // the credentials' prefix that started it
  common::Timestamp created = 0;
};

class MultipartUploads {
 public:
  static constexpr std::string_view kRoot = "multipart/";

  explicit MultipartUploads(blob::BlobStore& store) : store_(store) {}

  // True for keys under kRoot, which clients may never name.
  static bool IsInternal(std::string_view key) { return key.substr(0, kRoot.size()) == kRoot; }

  // Records a new upload. Errors: Unavailable.
  common::Result<MultipartUpload> Create(std::string key, std::string owner_prefix,
                                         common::Timestamp now);
  // Errors: NotFound ("NoSuchUpload: …") for an unknown or malformed id, Unavailable.
  common::Result<MultipartUpload> Find(std::string_view id);
  // Removes the upload's parts and then its meta. Errors: Unavailable.
  common::Status Remove(std::string_view id);

  std::string PartKey(std::string_view id, int number, std::string_view md5_hex) const;
  // A fresh key for bytes that are not verified yet: inside the upload, or (empty id) for a
  // PutObject.
  std::string StagingKey(std::string_view id, common::Timestamp now) const;

  // The content of a small internal blob (meta, records), at most 64 KiB of it. Errors:
  // NotFound, Unavailable.
  static common::Result<std::string> ReadSmall(blob::BlobStore& store, const std::string& key);

  // Removes uploads (and stray staging files) older than max_age_seconds at `now`; returns how
  // many. Errors: Unavailable (the listing failed; removal errors are skipped and retried on
  // the next run).
  common::Result<int> Cleanup(common::Timestamp now, int64_t max_age_seconds);

 private:
  blob::BlobStore& store_;
};

}  // namespace taiga::s3api
