#include "jobs/process_upload_job.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "blob/stream_hasher.h"
#include "domain/sizes.h"
#include "jobs/content_blobs.h"
#include "jobs/job_progress.h"
#include "jobs/upload_import.h"

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

common::Status ProcessUploadJob::FailFile(const std::string& file_id, const std::string& why) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().SetFileState(file_id, domain::UploadFileState::kFailed, why));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return common::InvalidArgument(why);
}

common::Result<db::ProcessedUpload> ProcessUploadJob::StoreRaw(JobContext& context,
                                                               const std::string& key,
                                                               uint64_t size) {
  (void)context.ReportProgress(0, static_cast<int64_t>(size), "Received " + key);
  TAIGA_ASSIGN_OR_RETURN(auto reader, store_.Read(key));
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
      (void)context.ReportProgress(static_cast<int64_t>(total), static_cast<int64_t>(size),
                                   "Hashing the uploaded file");
    }
  }
  reader.reset();
  const auto digests = hasher.Finish();
  TAIGA_RETURN_IF_ERROR(
      StoreAsContent(db_, store_, clock_, key, digests.sha256, digests.md5, total).status());
  db::ProcessedUpload result;
  result.converted_format = domain::StorageFormat::kRaw;
  result.blob_sha256 = digests.sha256;
  result.short_summary = domain::HumanSize(total);
  result.original_file_sha256 = digests.sha256;
  result.original_file_md5 = digests.md5;
  result.original_file_size = static_cast<int64_t>(total);
  return result;
}

common::Result<db::ProcessedUpload> ProcessUploadJob::Convert(JobContext& context,
                                                              const domain::UploadSessionFile& file,
                                                              uint64_t size) {
  UploadImport input;
  input.job_id = context.job_id();
  input.upload_key = *file.upload_key;
  input.upload_bytes = size;
  input.filename = file.filename;
  input.format = *file.initial_format;
  input.encoding = file.encoding;
  input.scratch_dir = scratch_dir_;
  input.columnar = columnar_;
  JobProgress progress(context);
  return ImportUpload(db_, store_, clock_, input, progress);
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
  TAIGA_ASSIGN_OR_RETURN(auto stat, store_.Stat(*file.upload_key));
  if (!stat) {
    return FailFile(
        file.id, "the uploaded object '" + *file.upload_key + "' is gone; upload the file again");
  }
  const auto format = file.initial_format.value_or(domain::UploadFormat::kRaw);
  common::Result<db::ProcessedUpload> processed =
      format == domain::UploadFormat::kRaw ? StoreRaw(context, *file.upload_key, stat->size)
                                           : Convert(context, file, stat->size);
  if (!processed.ok()) {
    const auto code = processed.status().code();
    if (code == common::StatusCode::kInvalidArgument || code == common::StatusCode::kNotFound) {
      return FailFile(file.id, processed.status().message());
    }
    return processed.status();
  }
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    TAIGA_RETURN_IF_ERROR(tx->Uploads().SetFileProcessed(file.id, *processed));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
  }
  // The converted file and the gzip copy hold everything; the upload itself is not needed.
  if (format != domain::UploadFormat::kRaw) (void)store_.Delete(*file.upload_key);
  context.SetResult(
      nlohmann::json{{"sha256", processed->original_file_sha256}, {"size", stat->size}}.dump());
  return common::Status::Ok();
}

}  // namespace taiga::jobs
