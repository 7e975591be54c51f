// LocalPartSlots: the multipart parts of the embedded S3 endpoint written in place on a
// LocalBlobStore, so that CompleteMultipartUpload publishes the object without copying it.
// Every upload has one data file, multipart/<id>.data, cut into slots of its stride P (the
// length of the first part that arrived, kept in multipart/<id>.stride): part n of length
// L <= P goes to [(n-1)P, (n-1)P + L) when no other request is writing that slot (a lock on
// the range) and it was never filled (multipart/<id>.slot-<nnnnn>, "<md5> <L>", is written
// once the bytes are verified and durable, and never replaced). Otherwise the caller stores
// the part as a file of its own. Complete publishes the data file itself when the listed parts
// are its slots 1..K, all of length P but the last, and no slot is being written.
// Thread-safe (no state of its own; the locks and records live in the store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "blob/local/local_blob_store.h"
#include "common/result.h"
#include "s3api/s3_call.h"
#include "s3api/s3_payload.h"

namespace taiga::s3api {

class LocalPartSlots {
 public:
  explicit LocalPartSlots(blob::LocalBlobStore& store) : store_(store) {}

  // Stores the body of part `number` of `upload_id` in its slot, verified; nullopt, with
  // nothing of the body read, when the slot cannot take it. Errors: the S3Payload errors
  // (nothing is recorded then), Unavailable.
  common::Result<std::optional<blob::WriteResult>> Upload(S3Call& call, S3Payload& payload,
                                                          const std::string& upload_id, int number);

  // Where part `number` with MD5 `md5_hex` is in its slot; nullopt when it is not in one.
  // Errors: Unavailable.
  common::Result<std::optional<blob::LocalBlobRange>> Find(const std::string& upload_id, int number,
                                                           std::string_view md5_hex);

  // Publishes the data file as `key` (replacing any object there) when `parts` (the listed
  // parts' ranges, in order) are its slots 1..K laid end to end and no slot is being written;
  // returns false, having changed nothing, otherwise. Errors: Unavailable.
  common::Result<bool> TryPublish(const std::string& upload_id,
                                  const std::vector<blob::LocalBlobRange>& parts,
                                  const std::string& key);

 private:
  // The upload's stride, set to `length` when it has none yet. Errors: Unavailable.
  common::Result<uint64_t> Stride(const std::string& upload_id, uint64_t length);
  // Records the verified slot (the record is written once). Errors: Unavailable.
  common::Status Record(const std::string& upload_id, int number, const blob::WriteResult& w);

  blob::LocalBlobStore& store_;
};

}  // namespace taiga::s3api
