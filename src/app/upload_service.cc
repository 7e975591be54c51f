#include "app/upload_service.h"

#include <nlohmann/json.hpp>

#include "app/access_policy.h"
#include "app/dataset_loader.h"
#include "common/random.h"
#include "domain/job.h"
#include "domain/names.h"
#include "domain/permaname.h"

namespace taiga::app {
namespace {

constexpr size_t kMaxFileNameBytes = 255;

// {**base, **overlay} of two JSON objects given as text (either may be absent).
common::Result<std::optional<std::string>> MergeMetadata(const std::optional<std::string>& base,
                                                         const std::optional<std::string>& overlay) {
  if (!overlay) return base;
  if (!base) return overlay;
  auto merged = nlohmann::json::parse(*base, nullptr, false);
  auto top = nlohmann::json::parse(*overlay, nullptr, false);
  if (!merged.is_object() || !top.is_object()) return overlay;
  for (auto& [k, v] : top.items()) merged[k] = v;
  return std::optional<std::string>(merged.dump());
}

}  // namespace

UploadService::UploadService(db::Database& db, blob::BlobStore& store,
                             blob::UploadCredentialIssuer& issuer, const common::Clock& clock,
                             UploadOptions options, std::function<void()> notify)
    : db_(db), store_(store), issuer_(issuer), clock_(clock), options_(std::move(options)),
      notify_(std::move(notify)) {}

std::string UploadService::PrefixFor(const RequestContext& ctx) const {
  return options_.prefix_root + ctx.actor->user_id + "/";
}

common::Result<blob::UploadCredentials> UploadService::Credentials(const RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  return issuer_.Issue(PrefixFor(ctx), options_.credentials_seconds, ctx.base_url);
}

common::Result<std::string> UploadService::NewSession(const RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  domain::UploadSession session;
  session.id = common::NewId32();
  session.user_id = ctx.actor->user_id;
  session.created_at = clock_.Now();
  session.expires_at = session.created_at + options_.session_seconds * 1000000;
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().InsertSession(session));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return session.id;
}

common::Result<std::string> UploadService::RegisterFile(const RequestContext& ctx,
                                                        const std::string& session_id,
                                                        const FileRegistration& file) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("filename", file.filename, kMaxFileNameBytes));
  if (file.custom_metadata) {
    auto parsed = nlohmann::json::parse(*file.custom_metadata, nullptr, false);
    if (!parsed.is_object()) {
      return common::InvalidArgument("'custom_metadata' must be a JSON object");
    }
  }
  if (file.filetype == "gcs") {
    return common::InvalidArgument(
        "filetype 'gcs': Google Cloud Storage files are not supported; upload the bytes (s3)");
  }
  if (file.filetype != "s3" && file.filetype != "virtual") {
    return common::InvalidArgument("'filetype' must be \"s3\" or \"virtual\", not \"" +
                                   file.filetype + "\"");
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto session, tx->Uploads().FindSession(session_id));
  if (!session) return common::NotFound("no upload session '" + session_id + "'");
  if (session->user_id != ctx.actor->user_id) {
    return common::PermissionDenied("upload session '" + session_id + "' belongs to someone else");
  }
  if (session->used_at) {
    return common::Conflict("upload session '" + session_id + "' has already been used");
  }
  if (file.filetype == "s3") {
    TAIGA_ASSIGN_OR_RETURN(auto task_id, RegisterS3(*tx, ctx, session_id, file));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
    if (notify_) notify_();
    return task_id;
  }
  TAIGA_ASSIGN_OR_RETURN(auto done, RegisterVirtual(*tx, ctx, session_id, file));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return done;
}

common::Result<std::string> UploadService::RegisterS3(db::Transaction& tx,
                                                      const RequestContext& ctx,
                                                      const std::string& session_id,
                                                      const FileRegistration& file) {
  if (!file.key) return common::InvalidArgument("'s3Upload.key' is required");
  if (!file.format) return common::InvalidArgument("'s3Upload.format' is required");
  auto format = domain::ParseUploadFormat(*file.format);
  if (!format) {
    return common::InvalidArgument(
        "'s3Upload.format' must be one of NumericMatrixCSV, NumericMatrixTSV, TableCSV, "
        "TableTSV, GCT, Raw; not '" + *file.format + "'");
  }
  if (file.bucket && *file.bucket != options_.bucket) {
    return common::InvalidArgument("'s3Upload.bucket' must be '" + options_.bucket + "'");
  }
  const std::string prefix = PrefixFor(ctx);
  if (file.key->compare(0, prefix.size(), prefix) != 0 || file.key->size() == prefix.size()) {
    return common::PermissionDenied("'s3Upload.key' must lie under your upload prefix '" +
                                    prefix + "'");
  }
  TAIGA_ASSIGN_OR_RETURN(auto stat, store_.Stat(*file.key));
  if (!stat) {
    return common::NotFound("nothing has been uploaded at '" + *file.key +
                            "'; upload the bytes first");
  }
  if (file.encoding) TAIGA_RETURN_IF_ERROR(domain::ValidateName("s3Upload.encoding", *file.encoding, 40));
  const auto now = clock_.Now();
  domain::UploadSessionFile f;
  f.id = common::NewId32();
  f.session_id = session_id;
  f.filename = file.filename;
  f.filetype = domain::DatafileKind::kS3;
  f.initial_format = *format;
  f.encoding = file.encoding;
  f.custom_metadata = file.custom_metadata;
  f.upload_key = *file.key;
  f.state = domain::UploadFileState::kProcessing;
  f.created_at = now;
  auto job = domain::NewJob(options_.process_job_kind,
                            nlohmann::json{{"upload_file_id", f.id}}.dump(), now);
  f.job_id = job.id;
  TAIGA_RETURN_IF_ERROR(tx.Jobs().Insert(job));
  TAIGA_RETURN_IF_ERROR(tx.Uploads().InsertFile(f));
  return job.id;
}

common::Result<std::string> UploadService::RegisterVirtual(db::Transaction& tx,
                                                           const RequestContext& ctx,
                                                           const std::string& session_id,
                                                           const FileRegistration& file) {
  if (!file.existing_taiga_id) return common::InvalidArgument("'existingTaigaId' is required");
  const std::string& text = *file.existing_taiga_id;
  auto id = domain::ParseTaigaId(text);
  if (!id || id->filename.empty()) {
    return common::InvalidArgument("The following was not formatted like a valid taiga ID: " +
                                   text);
  }
  DatasetLoader load(tx, ctx);
  auto dataset = load.FindDataset(id->permaname);
  if (!dataset.ok()) {
    if (dataset.status().code() == common::StatusCode::kNotFound) {
      return common::InvalidArgument("Unknown taiga ID: " + text);
    }
    return dataset.status();
  }
  TAIGA_ASSIGN_OR_RETURN(auto version, tx.Datasets().FindVersionByNumber(dataset->entry.id, id->version));
  if (!version) return common::InvalidArgument("Unknown taiga ID: " + text);
  TAIGA_ASSIGN_OR_RETURN(auto referenced, tx.Datafiles().FindByName(version->entry.id, id->filename));
  if (!referenced) return common::InvalidArgument("Unknown taiga ID: " + text);
  std::string real_id = referenced->id;
  if (referenced->kind == domain::DatafileKind::kVirtual && referenced->underlying_datafile_id) {
    real_id = *referenced->underlying_datafile_id;
  }
  TAIGA_ASSIGN_OR_RETURN(auto metadata, MergeMetadata(referenced->custom_metadata, file.custom_metadata));
  domain::UploadSessionFile f;
  f.id = common::NewId32();
  f.session_id = session_id;
  f.filename = file.filename;
  f.filetype = domain::DatafileKind::kVirtual;
  f.existing_datafile_id = real_id;
  f.custom_metadata = metadata;
  f.state = domain::UploadFileState::kReady;
  f.created_at = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx.Uploads().InsertFile(f));
  return std::string("done");
}

}  // namespace taiga::app
