#include "db/sql/sql_job_repository.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using common::Timestamp;
using domain::Job;
using domain::JobState;
using OptString = std::optional<std::string>;
using OptInt = std::optional<int64_t>;

#define TAIGA_JOB_COLUMNS                                                           \
  "id, kind, payload, state, progress_current, progress_total, message, attempts, " \
  "max_attempts, run_after, lease_owner, lease_expires, result, error, created_at, updated_at"
#define TAIGA_JOB_RUNNING "state IN ('STARTED', 'PROGRESS')"
constexpr char kInsertJob[] = "INSERT INTO jobs (" TAIGA_JOB_COLUMNS
                              ") VALUES (:id, :kind, :payload, :state, :current, :total, "
                              ":message, :attempts, :max_attempts, :run_after, :lease_owner, "
                              ":lease_expires, :result, :error, :created_at, :updated_at)";
constexpr char kFindJob[] = "SELECT " TAIGA_JOB_COLUMNS " FROM jobs WHERE id = :id";
// A job whose lease expired after its last allowed attempt is not claimed again: its worker
// died (or hung) every time. The inner SELECT skips rows another claimer has locked.
constexpr char kFailAbandonedSqlite[] =
    "UPDATE jobs SET state = 'FAILURE', error = :error, lease_owner = NULL, "
    "lease_expires = NULL, updated_at = :now WHERE " TAIGA_JOB_RUNNING
    " AND lease_expires <= :expired_by AND attempts >= max_attempts";
constexpr char kFailAbandonedPostgres[] =
    "UPDATE jobs SET state = 'FAILURE', error = :error, lease_owner = NULL, "
    "lease_expires = NULL, updated_at = :now WHERE id IN (SELECT id FROM jobs "
    "WHERE " TAIGA_JOB_RUNNING
    " AND lease_expires <= :expired_by AND attempts >= max_attempts FOR UPDATE SKIP LOCKED)";
constexpr char kAbandonedError[] =
    "The worker running this task stopped responding on every attempt; giving up.";
// PostgreSQL write transactions are SERIALIZABLE; a queue claim must be READ COMMITTED instead,
// so that FOR UPDATE SKIP LOCKED passes over rows other claimers hold instead of failing with
// serialization errors (and so claims never abort the services' serializable transactions).
constexpr char kReadCommitted[] = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
// The candidate query: this prefix, then optionally kKindFilter with ":k0, :k1, ...)", then
// kCandidateOrder and, on PostgreSQL, kSkipLocked.
constexpr char kCandidatePrefix[] =
    "SELECT id FROM jobs WHERE ((state = 'PENDING' AND run_after <= :now) OR "
    "(" TAIGA_JOB_RUNNING " AND lease_expires <= :expired_by))";
constexpr char kKindFilter[] = " AND kind IN (";
constexpr char kCandidateOrder[] = " ORDER BY run_after, created_at, id LIMIT 1";
constexpr char kSkipLocked[] = " FOR UPDATE SKIP LOCKED";
constexpr char kClaimJob[] =
    "UPDATE jobs SET state = 'STARTED', attempts = attempts + 1, lease_owner = :owner, "
    "lease_expires = :until, progress_current = 0, progress_total = 1, message = NULL, "
    "updated_at = :now WHERE id = :id RETURNING " TAIGA_JOB_COLUMNS;
#define TAIGA_JOB_HELD " WHERE id = :id AND lease_owner = :owner AND " TAIGA_JOB_RUNNING
constexpr char kRenewLease[] =
    "UPDATE jobs SET lease_expires = :until, updated_at = :now" TAIGA_JOB_HELD;
constexpr char kReportProgress[] =
    "UPDATE jobs SET state = 'PROGRESS', progress_current = :current, progress_total = :total, "
    "message = :message, updated_at = :now" TAIGA_JOB_HELD;
constexpr char kCompleteJob[] =
    "UPDATE jobs SET state = 'SUCCESS', result = :result, error = NULL, lease_owner = NULL, "
    "lease_expires = NULL, updated_at = :now" TAIGA_JOB_HELD;
constexpr char kFindHeld[] = "SELECT attempts, max_attempts, run_after FROM jobs" TAIGA_JOB_HELD;
constexpr char kFailJob[] =
    "UPDATE jobs SET state = :state, run_after = :run_after, error = :error, "
    "lease_owner = NULL, lease_expires = NULL, updated_at = :now" TAIGA_JOB_HELD;
constexpr char kReleaseLeases[] =
    "UPDATE jobs SET state = 'PENDING', attempts = CASE WHEN attempts > 0 THEN attempts - 1 "
    "ELSE 0 END, lease_owner = NULL, lease_expires = NULL, updated_at = :now "
    "WHERE lease_owner = :owner AND " TAIGA_JOB_RUNNING;
#undef TAIGA_JOB_HELD
#undef TAIGA_JOB_RUNNING
#undef TAIGA_JOB_COLUMNS

using JobColumns =
    Columns<std::string, std::string, std::string, std::string, int64_t, int64_t, OptString,
            int64_t, int64_t, int64_t, OptString, OptInt, OptString, OptString, int64_t, int64_t>;
using HeldKey = Params<std::string, std::string>;

template <typename Row>
Job ToJob(Row&& row) {
  Job job;
  job.id = std::move(std::get<0>(row));
  job.kind = std::move(std::get<1>(row));
  job.payload = std::move(std::get<2>(row));
  const std::optional<JobState> state = domain::ParseJobState(std::get<3>(row));
  if (!state) throw std::runtime_error("job " + job.id + " has unknown state " + std::get<3>(row));
  job.state = *state;
  job.progress_current = std::get<4>(row);
  job.progress_total = std::get<5>(row);
  job.progress_message = std::move(std::get<6>(row));
  job.attempts = std::get<7>(row);
  job.max_attempts = std::get<8>(row);
  job.run_after = std::get<9>(row);
  job.lease_owner = std::move(std::get<10>(row));
  job.lease_expires = std::get<11>(row);
  job.result = std::move(std::get<12>(row));
  job.error = std::move(std::get<13>(row));
  job.created_at = std::get<14>(row);
  job.updated_at = std::get<15>(row);
  return job;
}

// The id of the oldest runnable job of the claim's kinds (locked on PostgreSQL), if any. The
// kind list varies, so this is a one-time statement; every value is bound.
std::optional<std::string> FindCandidate(SqlConnection& c, const JobClaim& claim) {
  std::string sql = kCandidatePrefix;
  std::vector<std::string> kinds = claim.kinds.value_or(std::vector<std::string>());
  if (claim.kinds) {
    sql += kKindFilter;
    for (size_t i = 0; i < kinds.size(); ++i) sql += (i ? ", :k" : ":k") + std::to_string(i);
    sql += ")";
  }
  sql += kCandidateOrder;
  if (c.dialect() == SqlDialect::kPostgres) sql += kSkipLocked;
  long long now = claim.now;
  long long expired_by = claim.now;
  std::string id;
  soci::indicator id_indicator = soci::i_ok;
  soci::statement st(c.session());
  st.alloc();
  st.exchange(soci::use(now));
  st.exchange(soci::use(expired_by));
  for (std::string& kind : kinds) st.exchange(soci::use(kind));
  st.exchange(soci::into(id, id_indicator));
  st.prepare(sql, soci::details::st_one_time_query);
  st.define_and_bind();
  std::optional<std::string> found;
  for (bool got = st.execute(true); got; got = st.fetch()) {
    if (!found && id_indicator == soci::i_ok) found = id;
  }
  return found;
}

Result<bool> UpdateHeld(SqlTxContext& context, const char* what, auto&& run) {
  return context.Run(what, [&](SqlConnection& c) -> Result<bool> { return run(c) > 0; });
}

}  // namespace

Status SqlJobRepository::Insert(const Job& job) {
  return context_.Run("insert job", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, std::string, std::string, std::string, int64_t,
                                       int64_t, OptString, int64_t, int64_t, int64_t, OptString,
                                       OptInt, OptString, OptString, int64_t, int64_t>,
                                Columns<>>;
    c.Statement<S>(kInsertJob)
        .Bind(job.id, job.kind, job.payload, std::string(domain::JobStateName(job.state)),
              job.progress_current, job.progress_total, job.progress_message, job.attempts,
              job.max_attempts, job.run_after, job.lease_owner, job.lease_expires, job.result,
              job.error, job.created_at, job.updated_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<Job>> SqlJobRepository::Find(const std::string& id) {
  return context_.Run("find job", [&](SqlConnection& c) -> Result<std::optional<Job>> {
    auto row =
        c.Statement<PreparedStatement<Params<std::string>, JobColumns>>(kFindJob).Bind(id).First();
    if (!row) return std::optional<Job>();
    return std::optional<Job>(ToJob(std::move(*row)));
  });
}

Result<std::optional<Job>> SqlJobRepository::Claim(const JobClaim& claim) {
  if (claim.kinds && claim.kinds->empty()) return std::optional<Job>();
  const Timestamp now = context_.clock().Now();
  return context_.Run("claim job", [&](SqlConnection& c) -> Result<std::optional<Job>> {
    if (c.dialect() == SqlDialect::kPostgres) c.Execute(kReadCommitted);
    const char* fail_abandoned =
        c.dialect() == SqlDialect::kPostgres ? kFailAbandonedPostgres : kFailAbandonedSqlite;
    c.Statement<PreparedStatement<Params<std::string, int64_t, int64_t>, Columns<>>>(fail_abandoned)
        .Bind(kAbandonedError, now, claim.now)
        .Exec();
    const std::optional<std::string> id = FindCandidate(c, claim);
    if (!id) return std::optional<Job>();
    using S = PreparedStatement<Params<std::string, int64_t, int64_t, std::string>, JobColumns>;
    auto row = c.Statement<S>(kClaimJob).Bind(claim.owner, claim.lease_until, now, *id).First();
    if (!row) return common::Internal("claim job " + *id + ": the row vanished while locked");
    return std::optional<Job>(ToJob(std::move(*row)));
  });
}

Result<bool> SqlJobRepository::RenewLease(const std::string& id, const std::string& owner,
                                          Timestamp until) {
  return UpdateHeld(context_, "renew job lease", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<int64_t, int64_t, std::string, std::string>, Columns<>>;
    return c.Statement<S>(kRenewLease).Bind(until, context_.clock().Now(), id, owner).Exec();
  });
}

Result<bool> SqlJobRepository::ReportProgress(const std::string& id, const std::string& owner,
                                              int64_t current, int64_t total,
                                              const std::string& message) {
  return UpdateHeld(context_, "report job progress", [&](SqlConnection& c) {
    using S =
        PreparedStatement<Params<int64_t, int64_t, std::string, int64_t, std::string, std::string>,
                          Columns<>>;
    return c.Statement<S>(kReportProgress)
        .Bind(current, total, message, context_.clock().Now(), id, owner)
        .Exec();
  });
}

Result<bool> SqlJobRepository::Complete(const std::string& id, const std::string& owner,
                                        const std::optional<std::string>& result) {
  return UpdateHeld(context_, "complete job", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<OptString, int64_t, std::string, std::string>, Columns<>>;
    return c.Statement<S>(kCompleteJob).Bind(result, context_.clock().Now(), id, owner).Exec();
  });
}

Result<std::optional<JobState>> SqlJobRepository::Fail(const std::string& id,
                                                       const std::string& owner,
                                                       const std::string& error,
                                                       std::optional<Timestamp> retry_at) {
  return context_.Run("fail job", [&](SqlConnection& c) -> Result<std::optional<JobState>> {
    using Held = PreparedStatement<HeldKey, Columns<int64_t, int64_t, int64_t>>;
    auto held = c.Statement<Held>(kFindHeld).Bind(id, owner).First();
    if (!held) return std::optional<JobState>();
    const auto [attempts, max_attempts, run_after] = *held;
    const bool retry = retry_at.has_value() && attempts < max_attempts;
    const JobState state = retry ? JobState::kPending : JobState::kFailure;
    using S = PreparedStatement<
        Params<std::string, int64_t, std::string, int64_t, std::string, std::string>, Columns<>>;
    const long long changed = c.Statement<S>(kFailJob)
                                  .Bind(domain::JobStateName(state), retry ? *retry_at : run_after,
                                        error, context_.clock().Now(), id, owner)
                                  .Exec();
    if (changed == 0) return std::optional<JobState>();
    return std::optional<JobState>(state);
  });
}

Result<int64_t> SqlJobRepository::ReleaseLeases(const std::string& owner) {
  return context_.Run("release job leases", [&](SqlConnection& c) -> Result<int64_t> {
    using S = PreparedStatement<Params<int64_t, std::string>, Columns<>>;
    return static_cast<int64_t>(
        c.Statement<S>(kReleaseLeases).Bind(context_.clock().Now(), owner).Exec());
  });
}

}  // namespace taiga::db
