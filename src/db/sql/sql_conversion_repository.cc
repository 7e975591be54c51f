#include "db/sql/sql_conversion_repository.h"

#include <stdexcept>
#include <tuple>
#include <utility>

#include "db/sql/prepared_statement.h"

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using domain::ConversionEntry;
using OptString = std::optional<std::string>;

#define TAIGA_CONVERSION_COLUMNS \
  "id, datafile_id, format, state, status, job_id, blob_sha256, error, created_at"
constexpr char kInsert[] =
    "INSERT INTO conversion_cache (" TAIGA_CONVERSION_COLUMNS
    ") VALUES (:id, :datafile_id, :format, :state, :status, :job_id, :blob, :error, :created_at) "
    "ON CONFLICT (datafile_id, format) DO NOTHING";
constexpr char kFind[] = "SELECT " TAIGA_CONVERSION_COLUMNS
                         " FROM conversion_cache WHERE datafile_id = :datafile_id AND format = "
                         ":format";
constexpr char kFindById[] =
    "SELECT " TAIGA_CONVERSION_COLUMNS " FROM conversion_cache WHERE id = :id";
#undef TAIGA_CONVERSION_COLUMNS
constexpr char kRestart[] =
    "UPDATE conversion_cache SET state = 'running', status = :status, job_id = :job_id, "
    "blob_sha256 = NULL, error = NULL, created_at = :now WHERE id = :id";
constexpr char kSetStatus[] =
    "UPDATE conversion_cache SET status = :status WHERE id = :id AND state = 'running'";
constexpr char kComplete[] =
    "UPDATE conversion_cache SET state = 'complete', status = :status, blob_sha256 = :blob, "
    "error = NULL WHERE id = :id";
constexpr char kFail[] =
    "UPDATE conversion_cache SET state = 'failed', error = :error WHERE id = :id";

using EntryColumns = Columns<std::string, std::string, std::string, std::string, std::string,
                             OptString, OptString, OptString, int64_t>;

ConversionEntry EntryOf(std::tuple<std::string, std::string, std::string, std::string, std::string,
                                   OptString, OptString, OptString, int64_t>&& row) {
  auto& [id, datafile_id, format, state, status, job_id, blob, error, created_at] = row;
  auto parsed = domain::ParseConversionState(state);
  if (!parsed) throw std::runtime_error("conversion entry " + id + " has state " + state);
  return ConversionEntry{std::move(id),     std::move(datafile_id), std::move(format),
                         *parsed,           std::move(status),      std::move(job_id),
                         std::move(blob),   std::move(error),       created_at};
}

}  // namespace

Result<bool> SqlConversionRepository::InsertIfAbsent(const ConversionEntry& e) {
  return context_.Run("insert conversion entry", [&](SqlConnection& c) -> Result<bool> {
    using S = PreparedStatement<Params<std::string, std::string, std::string, std::string,
                                       std::string, OptString, OptString, OptString, int64_t>,
                                Columns<>>;
    return c.Statement<S>(kInsert)
               .Bind(e.id, e.datafile_id, e.format,
                     std::string(domain::ConversionStateName(e.state)), e.status, e.job_id,
                     e.blob_sha256, e.error, e.created_at)
               .Exec() == 1;
  });
}

Result<std::optional<ConversionEntry>> SqlConversionRepository::Find(
    const std::string& datafile_id, const std::string& format) {
  return context_.Run("find conversion entry",
                      [&](SqlConnection& c) -> Result<std::optional<ConversionEntry>> {
                        using S = PreparedStatement<Params<std::string, std::string>, EntryColumns>;
                        auto row = c.Statement<S>(kFind).Bind(datafile_id, format).First();
                        if (!row) return std::optional<ConversionEntry>();
                        return std::optional<ConversionEntry>(EntryOf(std::move(*row)));
                      });
}

Result<std::optional<ConversionEntry>> SqlConversionRepository::FindById(const std::string& id) {
  return context_.Run("find conversion entry",
                      [&](SqlConnection& c) -> Result<std::optional<ConversionEntry>> {
                        using S = PreparedStatement<Params<std::string>, EntryColumns>;
                        auto row = c.Statement<S>(kFindById).Bind(id).First();
                        if (!row) return std::optional<ConversionEntry>();
                        return std::optional<ConversionEntry>(EntryOf(std::move(*row)));
                      });
}

Status SqlConversionRepository::Restart(const std::string& id, const std::string& job_id,
                                        common::Timestamp now) {
  return context_.Run("restart conversion entry", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, std::string, int64_t, std::string>, Columns<>>;
    if (c.Statement<S>(kRestart)
            .Bind(std::string(domain::kConversionPending), job_id, now, id)
            .Exec() == 0) {
      return common::NotFound("conversion entry " + id + " does not exist");
    }
    return Status::Ok();
  });
}

Result<bool> SqlConversionRepository::SetStatus(const std::string& id, const std::string& status) {
  return context_.Run("set conversion status", [&](SqlConnection& c) -> Result<bool> {
    using S = PreparedStatement<Params<std::string, std::string>, Columns<>>;
    return c.Statement<S>(kSetStatus).Bind(status, id).Exec() == 1;
  });
}

Status SqlConversionRepository::Complete(const std::string& id, const std::string& blob_sha256) {
  return context_.Run("complete conversion entry", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, std::string, std::string>, Columns<>>;
    if (c.Statement<S>(kComplete)
            .Bind(std::string(domain::kConversionDone), blob_sha256, id)
            .Exec() == 0) {
      return common::NotFound("conversion entry " + id + " does not exist");
    }
    return Status::Ok();
  });
}

Status SqlConversionRepository::Fail(const std::string& id, const std::string& error) {
  return context_.Run("fail conversion entry", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, std::string>, Columns<>>;
    if (c.Statement<S>(kFail).Bind(error, id).Exec() == 0) {
      return common::NotFound("conversion entry " + id + " does not exist");
    }
    return Status::Ok();
  });
}

}  // namespace taiga::db
