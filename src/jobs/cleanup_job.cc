#include "jobs/cleanup_job.h"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "common/log.h"
#include "domain/job.h"
#include "jobs/scratch_file.h"

namespace taiga::jobs {

common::Result<int64_t> CleanupJob::RemoveExpiredSessions() {
  std::vector<domain::UploadSession> expired;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(expired,
                           tx->Uploads().ListExpiredSessions(clock_.Now(), options_.batch));
  }
  int64_t removed = 0;
  for (const auto& session : expired) {
    // The objects first: a crash in between leaves a session row to retry, never orphan bytes.
    const std::string prefix = "upload/" + session.user_id + "/" + session.id + "/";
    TAIGA_ASSIGN_OR_RETURN(auto objects, store_.List(prefix));
    for (const auto& o : objects) TAIGA_RETURN_IF_ERROR(store_.Delete(o.key));
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    auto deleted = tx->Uploads().DeleteSession(session.id);
    if (!deleted.ok() && deleted.code() != common::StatusCode::kNotFound) return deleted;
    TAIGA_RETURN_IF_ERROR(tx->Commit());
    ++removed;
  }
  return removed;
}

common::Result<int64_t> CleanupJob::CollectBlobs() {
  const common::Timestamp cutoff = clock_.Now() - options_.blob_grace_seconds * 1000000;
  std::vector<db::BlobRow> candidates;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(candidates,
                           tx->Datafiles().ListUnreferencedBlobs(options_.batch, cutoff));
  }
  int64_t removed = 0;
  for (const auto& candidate : candidates) {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().LockBlob(candidate.sha256));
    TAIGA_ASSIGN_OR_RETURN(auto now, tx->Datafiles().FindBlob(candidate.sha256));
    if (!now || now->created_at >= cutoff) continue;  // gone, or claimed again meanwhile
    TAIGA_ASSIGN_OR_RETURN(bool referenced, tx->Datafiles().IsBlobReferenced(candidate.sha256));
    if (referenced) continue;
    TAIGA_RETURN_IF_ERROR(store_.Delete(now->store_key));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().DeleteBlob(candidate.sha256));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
    ++removed;
  }
  return removed;
}

common::Result<int64_t> CleanupJob::RemoveAbandonedStaging() {
  TAIGA_ASSIGN_OR_RETURN(auto staged, store_.List("staging/"));
  int64_t removed = 0;
  std::string job_id;
  bool ended = false;
  for (const auto& object : staged) {
    if (removed >= static_cast<int64_t>(options_.batch)) break;
    // "staging/<job id>/<name>": ask once per job whether it is still to run.
    const std::string_view rest = std::string_view(object.key).substr(8);
    const std::string id(rest.substr(0, rest.find('/')));
    if (id != job_id) {
      job_id = id;
      TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
      TAIGA_ASSIGN_OR_RETURN(auto job, tx->Jobs().Find(job_id));
      ended = !job || job->state == domain::JobState::kSuccess ||
              job->state == domain::JobState::kFailure;
    }
    if (!ended) continue;
    TAIGA_RETURN_IF_ERROR(store_.Delete(object.key));
    ++removed;
  }
  return removed;
}

namespace {

// A job id as ScratchFile names carry them: a UUID36.
bool LooksLikeJobId(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

}  // namespace

common::Result<int64_t> CleanupJob::RemoveAbandonedScratch() {
  if (options_.scratch_dir.empty()) return int64_t{0};
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::directory_iterator it(options_.scratch_dir, ec);
  if (ec) return int64_t{0};  // no scratch directory yet
  const auto old =
      fs::file_time_type::clock::now() - std::chrono::seconds(options_.scratch_grace_seconds);
  int64_t removed = 0;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec || removed >= static_cast<int64_t>(options_.batch)) break;
    if (!it->is_regular_file(ec)) continue;
    const std::string id = ScratchFile::JobIdOf(it->path().filename().string());
    bool abandoned = false;
    if (LooksLikeJobId(id)) {
      TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
      TAIGA_ASSIGN_OR_RETURN(auto job, tx->Jobs().Find(id));
      abandoned = !job || job->state == domain::JobState::kSuccess ||
                  job->state == domain::JobState::kFailure;
    } else {
      const auto mtime = it->last_write_time(ec);
      abandoned = !ec && mtime < old;
    }
    if (abandoned && fs::remove(it->path(), ec)) ++removed;
  }
  return removed;
}

common::Status CleanupJob::Run(JobContext& context) {
  TAIGA_ASSIGN_OR_RETURN(int64_t sessions, RemoveExpiredSessions());
  TAIGA_ASSIGN_OR_RETURN(int64_t blobs, CollectBlobs());
  TAIGA_ASSIGN_OR_RETURN(int64_t staged, RemoveAbandonedStaging());
  TAIGA_ASSIGN_OR_RETURN(int64_t scratch, RemoveAbandonedScratch());
  if (sessions > 0 || blobs > 0 || staged > 0 || scratch > 0) {
    common::LogInfo("cleanup", {{"sessions", std::to_string(sessions)},
                                {"blobs", std::to_string(blobs)},
                                {"staged", std::to_string(staged)},
                                {"scratch", std::to_string(scratch)}});
  }
  context.SetResult(nlohmann::json{
      {"sessions", sessions}, {"blobs", blobs}, {"staged", staged}, {"scratch", scratch}}
                        .dump());
  return common::Status::Ok();
}

}  // namespace taiga::jobs
