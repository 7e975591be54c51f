#include "app/conversion_requests.h"

#include <nlohmann/json.hpp>

#include "common/random.h"
#include "domain/job.h"

namespace taiga::app {
namespace {

using domain::ConversionState;

common::Status FailedError(const domain::ConversionEntry& e) {
  return common::FailedPrecondition("converting the file to " + e.format + " failed: " +
                                    e.error.value_or("no reason was recorded") +
                                    "; ask again with force=Y to try again");
}

}  // namespace

common::Result<ConversionOutcome> ConversionRequests::Request(const std::string& datafile_id,
                                                              const std::string& format,
                                                              bool force) {
  if (!force) {  // the common case, a finished export: read only
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto entry, tx->Conversions().Find(datafile_id, format));
    if (entry && entry->state == ConversionState::kComplete && entry->blob_sha256) {
      TAIGA_ASSIGN_OR_RETURN(auto blob, tx->Datafiles().FindBlob(*entry->blob_sha256));
      if (blob) return ConversionOutcome{std::move(*entry), std::move(blob)};
    }
    if (entry && entry->state == ConversionState::kFailed) return FailedError(*entry);
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    TAIGA_ASSIGN_OR_RETURN(auto started, Start(datafile_id, format, force));
    if (started) return std::move(*started);
  }
  return common::Aborted("the conversion entry changed under three requests in a row");
}

domain::Job ConversionRequests::NewExportJob(const std::string& conversion_id,
                                            common::Timestamp now) const {
  return domain::NewJob(job_kind_, nlohmann::json{{"conversion_id", conversion_id}}.dump(), now);
}

common::Result<std::optional<ConversionOutcome>> ConversionRequests::Start(
    const std::string& datafile_id, const std::string& format, bool force) {
  const auto now = clock_.Now();
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto entry, tx->Conversions().Find(datafile_id, format));
  if (!entry) {
    domain::ConversionEntry e;
    e.id = common::NewId32();
    e.datafile_id = datafile_id;
    e.format = format;
    e.created_at = now;
    auto job = NewExportJob(e.id, now);
    e.job_id = job.id;
    TAIGA_RETURN_IF_ERROR(tx->Jobs().Insert(job));
    TAIGA_ASSIGN_OR_RETURN(bool inserted, tx->Conversions().InsertIfAbsent(e));
    if (!inserted) return std::optional<ConversionOutcome>();  // rolled back: read it again
    TAIGA_RETURN_IF_ERROR(tx->Commit());
    if (notify_) notify_();
    return std::optional<ConversionOutcome>(ConversionOutcome{std::move(e), std::nullopt});
  }
  if (entry->state == ConversionState::kRunning) {
    std::optional<domain::Job> job;
    if (entry->job_id) {
      TAIGA_ASSIGN_OR_RETURN(job, tx->Jobs().Find(*entry->job_id));
    }
    const bool ended = !job || job->state == domain::JobState::kFailure ||
                       job->state == domain::JobState::kSuccess;
    if (!ended) return std::optional<ConversionOutcome>(ConversionOutcome{*entry, std::nullopt});
    // Its job is over but the entry was never finished: it failed.
    entry->state = ConversionState::kFailed;
    entry->error = job && job->error ? *job->error : "the conversion job was lost";
    TAIGA_RETURN_IF_ERROR(tx->Conversions().Fail(entry->id, *entry->error));
    if (!force) {
      TAIGA_RETURN_IF_ERROR(tx->Commit());
      return FailedError(*entry);
    }
  }
  if (entry->state == ConversionState::kComplete && !force && entry->blob_sha256) {
    TAIGA_ASSIGN_OR_RETURN(auto blob, tx->Datafiles().FindBlob(*entry->blob_sha256));
    if (blob) return std::optional<ConversionOutcome>(ConversionOutcome{*entry, std::move(blob)});
  }
  if (entry->state == ConversionState::kFailed && !force) return FailedError(*entry);
  // Start it over: forced, or a complete entry whose result is gone.
  auto job = NewExportJob(entry->id, now);
  TAIGA_RETURN_IF_ERROR(tx->Jobs().Insert(job));
  TAIGA_RETURN_IF_ERROR(tx->Conversions().Restart(entry->id, job.id, now));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  if (notify_) notify_();
  entry->state = ConversionState::kRunning;
  entry->status = domain::kConversionPending;
  entry->job_id = job.id;
  entry->blob_sha256.reset();
  entry->error.reset();
  entry->created_at = now;
  return std::optional<ConversionOutcome>(ConversionOutcome{std::move(*entry), std::nullopt});
}

}  // namespace taiga::app
