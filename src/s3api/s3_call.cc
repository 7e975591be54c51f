#include "s3api/s3_call.h"

#include "blob/blob_key.h"
#include "s3api/multipart_uploads.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {

common::Status CheckKeyAccess(const S3Call& call, std::string_view key) {
  if (key.size() > blob::kMaxBlobKeyBytes) {
    return S3Status("KeyTooLongError", "your key is too long: at most " +
                                           std::to_string(blob::kMaxBlobKeyBytes) + " bytes");
  }
  if (auto s = blob::ValidateBlobKey(key); !s.ok()) return S3Status("InvalidArgument", s.message());
  const std::string& prefix = call.principal.scope.prefix;
  if (MultipartUploads::IsInternal(key) || key.substr(0, prefix.size()) != prefix) {
    return S3Status("AccessDenied", "these credentials may only write keys under " + prefix);
  }
  return common::Status::Ok();
}

common::Result<blob::WriteResult> StoreVerifiedBody(S3Call& call, blob::BlobStore& store,
                                                    const std::string& staging,
                                                    uint64_t max_bytes) {
  TAIGA_ASSIGN_OR_RETURN(S3Payload payload,
                         S3Payload::Open(call.exchange, call.principal.signature, max_bytes));
  return StoreVerifiedBody(call, payload, store, staging);
}

common::Result<blob::WriteResult> StoreVerifiedBody(S3Call& call, S3Payload& payload,
                                                    blob::BlobStore& store,
                                                    const std::string& staging) {
  TAIGA_ASSIGN_OR_RETURN(auto writer, store.Write(staging));
  auto written = WriteVerifiedBody(call, payload, *writer);
  if (!written.ok()) (void)store.Delete(staging);  // committed before a digest mismatch
  return written;
}

common::Result<blob::WriteResult> WriteVerifiedBody(S3Call& call, S3Payload& payload,
                                                    blob::BlobWriter& writer) {
  TAIGA_RETURN_IF_ERROR(
      payload.Stream(call.exchange, [&](std::string_view b) { return writer.Write(b); }));
  TAIGA_ASSIGN_OR_RETURN(blob::WriteResult written, writer.Commit());
  TAIGA_RETURN_IF_ERROR(payload.CheckDigests(written.sha256, written.md5));
  return written;
}

common::Status PublishStaged(blob::BlobStore& store, const std::string& staging,
                             const std::string& key) {
  common::Status s = store.Delete(key);  // Move keeps an existing destination
  if (s.ok()) s = store.Move(staging, key);
  if (!s.ok()) (void)store.Delete(staging);
  return s;
}

}  // namespace taiga::s3api
