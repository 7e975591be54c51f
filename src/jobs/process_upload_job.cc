#include "jobs/process_upload_job.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "blob/stream_hasher.h"
#include "domain/sizes.h"

namespace taiga::jobs {
namespace {

constexpr size_t kChunk = 1 << 20;

common::Result<std::string> FileIdOf(const std::string& payload) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  if (!j.is_object() || !j.contains("upload_file_id") || !j["upload_file_id"].is_string()) {
    return common::InvalidArgument("job payload has no upload_file_id");
  }
  return j["upload_file_id"].get<std::string>();
}

}  // namespace

std::string ContentKey(const std::string& sha256) {
  return "blobs/" + sha256.substr(0, 2) + "/" + sha256;
}

common::Status ProcessUploadJob::FailFile(const std::string& file_id, const std::string& why) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().SetFileState(file_id, domain::UploadFileState::kFailed, why));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return common::InvalidArgument(why);
}

common::Status ProcessUploadJob::Run(JobContext& context) {
  TAIGA_ASSIGN_OR_RETURN(auto file_id, FileIdOf(context.payload()));
  domain::UploadSessionFile file;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto found, tx->Uploads().FindFile(file_id));
    if (!found) return common::NotFound("the upload session file " + file_id + " is gone");
    file = std::move(*found);
  }
  if (file.state == domain::UploadFileState::kReady) return common::Status::Ok();
  if (file.state == domain::UploadFileState::kFailed) {
    return common::FailedPrecondition(file.error.value_or("processing failed"));
  }
  if (!file.upload_key) return FailFile(file.id, "the file has no uploaded object");
  const auto format = file.initial_format.value_or(domain::UploadFormat::kRaw);
  if (format != domain::UploadFormat::kRaw) {
    return FailFile(file.id, "converting " + std::string(domain::UploadFormatName(format)) +
                                 " files is not available on this server yet; upload '" +
                                 file.filename + "' as Raw");
  }
  TAIGA_ASSIGN_OR_RETURN(auto stat, store_.Stat(*file.upload_key));
  if (!stat) {
    return FailFile(
        file.id, "the uploaded object '" + *file.upload_key + "' is gone; upload the file again");
  }
  (void)context.ReportProgress(0, static_cast<int64_t>(stat->size), "Received " + *file.upload_key);
  TAIGA_ASSIGN_OR_RETURN(auto reader, store_.Read(*file.upload_key));
  blob::StreamHasher hasher;
  std::vector<char> buf(kChunk);
  uint64_t total = 0;
  for (;;) {
    if (context.cancelled()) return common::Aborted("stopped; the job will run again");
    TAIGA_ASSIGN_OR_RETURN(size_t n, reader->Read(buf.data(), buf.size()));
    if (n == 0) break;
    hasher.Update(std::string_view(buf.data(), n));
    total += n;
    if ((total & ((64u << 20) - 1)) < kChunk) {
      (void)context.ReportProgress(static_cast<int64_t>(total), static_cast<int64_t>(stat->size),
                                   "Hashing the uploaded file");
    }
  }
  reader.reset();
  const auto digests = hasher.Finish();
  const std::string key = ContentKey(digests.sha256);
  // Claim the blob before its bytes land (see CleanupJob): a collector that saw the old claim
  // has already deleted the object, one that comes later sees this fresh claim.
  db::BlobRow blob{digests.sha256, digests.md5, static_cast<int64_t>(total), key, clock_.Now()};
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().LockBlob(blob.sha256));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().InsertBlob(blob));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
  }
  TAIGA_RETURN_IF_ERROR(store_.Move(*file.upload_key, key));

  db::ProcessedUpload result;
  result.converted_format = domain::StorageFormat::kRaw;
  result.blob_sha256 = digests.sha256;
  result.short_summary = domain::HumanSize(total);
  result.original_file_sha256 = digests.sha256;
  result.original_file_md5 = digests.md5;
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().SetFileProcessed(file.id, result));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  context.SetResult(nlohmann::json{{"sha256", digests.sha256}, {"size", total}}.dump());
  return common::Status::Ok();
}

}  // namespace taiga::jobs
