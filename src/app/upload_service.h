// UploadService: upload sessions and the files put into them — temporary credentials for the
// S3 endpoint, registering an uploaded object (checked to lie in the caller's prefix and to
// exist; its processing job is enqueued in the same transaction) or a reference to an existing
// file (virtual, resolved to the real file, custom metadata merged). Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/request_context.h"
#include "blob/blob_store.h"
#include "blob/upload_credentials.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

struct UploadOptions {
  std::string bucket = "taiga";              // the bucket clients upload to
  std::string prefix_root = "upload/";       // each user writes under <root><user id>/
  int64_t credentials_seconds = 12 * 3600;   // lifetime of issued credentials
  int64_t session_seconds = 7 * 24 * 3600;   // an unused session expires after this
  std::string process_job_kind = "upload.process";
};

struct FileRegistration {
  std::string filename;
  std::string filetype;  // "s3" | "virtual" | "gcs"
  // s3:
  std::optional<std::string> bucket;
  std::optional<std::string> key;
  std::optional<std::string> format;
  std::optional<std::string> encoding;
  // virtual:
  std::optional<std::string> existing_taiga_id;
  std::optional<std::string> custom_metadata;  // a JSON object as text
};

class UploadService {
 public:
  // `notify` is called after a commit that enqueued a job (wakes local workers); may be empty.
  UploadService(db::Database& db, blob::BlobStore& store, blob::UploadCredentialIssuer& issuer,
                const common::Clock& clock, UploadOptions options, std::function<void()> notify);

  // The caller's key prefix, e.g. "upload/<user id>/".
  std::string PrefixFor(const RequestContext& ctx) const;
  // Errors: Unauthenticated, Unavailable.
  common::Result<blob::UploadCredentials> Credentials(const RequestContext& ctx);
  // A new session owned by the caller; returns its id.
  common::Result<std::string> NewSession(const RequestContext& ctx);
  // Returns the processing task id (s3) or "done" (virtual). Errors: InvalidArgument (fields,
  // unknown format, malformed or unknown taiga id, gcs), NotFound (session, object),
  // PermissionDenied (someone else's session, key outside the caller's prefix), Conflict (the
  // session was already used).
  common::Result<std::string> RegisterFile(const RequestContext& ctx, const std::string& session_id,
                                           const FileRegistration& file);

 private:
  common::Result<std::string> RegisterS3(db::Transaction& tx, const RequestContext& ctx,
                                         const std::string& session_id,
                                         const FileRegistration& file);
  common::Result<std::string> RegisterVirtual(db::Transaction& tx, const RequestContext& ctx,
                                              const std::string& session_id,
                                              const FileRegistration& file);

  db::Database& db_;
  blob::BlobStore& store_;
  blob::UploadCredentialIssuer& issuer_;
  const common::Clock& clock_;
  UploadOptions options_;
  std::function<void()> notify_;
};

}  // namespace taiga::app
