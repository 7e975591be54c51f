#include "db/sql/sql_dataset_repository.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using OptString = std::optional<std::string>;
using OptInt = std::optional<int64_t>;

constexpr char kInsertEntry[] =
    "INSERT INTO entries (id, type, name, description, creator_id, creation_date) "
    "VALUES (:id, :type, :name, :description, :creator_id, :creation_date)";
constexpr char kInsertDataset[] = "INSERT INTO datasets (id) VALUES (:id)";
constexpr char kInsertPermaname[] =
    "INSERT INTO dataset_permanames (permaname, dataset_id, creation_date) "
    "VALUES (:permaname, :dataset_id, :creation_date)";
constexpr char kPermanameTaken[] = "SELECT 1 FROM dataset_permanames WHERE permaname = :permaname";
constexpr char kPermanameOwner[] =
    "SELECT dataset_id FROM dataset_permanames WHERE permaname = :permaname";
#define TAIGA_ENTRY_COLUMNS "e.id, e.name, e.description, e.creation_date, u.id, u.name"
constexpr char kFindDataset[] = "SELECT " TAIGA_ENTRY_COLUMNS
                                " FROM datasets d JOIN entries e ON e.id = d.id "
                                "LEFT JOIN users u ON u.id = e.creator_id WHERE d.id = :id";
constexpr char kListPermanames[] =
    "SELECT permaname FROM dataset_permanames WHERE dataset_id = :dataset_id "
    "ORDER BY creation_date, permaname";
constexpr char kDatasetExists[] = "SELECT 1 FROM datasets WHERE id = :id";
constexpr char kLockDataset[] = "SELECT id FROM datasets WHERE id = :id FOR UPDATE";
#define TAIGA_VERSION_SELECT                                                   \
  "SELECT " TAIGA_ENTRY_COLUMNS                                                \
  ", v.dataset_id, v.version, v.state, v.reason_state, v.changes_description " \
  "FROM dataset_versions v JOIN entries e ON e.id = v.id "                     \
  "LEFT JOIN users u ON u.id = e.creator_id "
constexpr char kFindVersion[] = TAIGA_VERSION_SELECT "WHERE v.id = :id";
constexpr char kFindVersionByNumber[] =
    TAIGA_VERSION_SELECT "WHERE v.dataset_id = :dataset_id AND v.version = :version";
constexpr char kLatestVersion[] =
    TAIGA_VERSION_SELECT "WHERE v.dataset_id = :dataset_id ORDER BY v.version DESC LIMIT 1";
constexpr char kListVersions[] =
    TAIGA_VERSION_SELECT "WHERE v.dataset_id = :dataset_id ORDER BY v.version";
#undef TAIGA_VERSION_SELECT
#undef TAIGA_ENTRY_COLUMNS
constexpr char kVersionNumberTaken[] =
    "SELECT 1 FROM dataset_versions WHERE dataset_id = :dataset_id AND version = :version";
constexpr char kInsertVersion[] =
    "INSERT INTO dataset_versions (id, dataset_id, version, state, reason_state, "
    "changes_description) VALUES (:id, :dataset_id, :version, :state, :reason, :changes)";
constexpr char kSetVersionState[] =
    "UPDATE dataset_versions SET state = :state, reason_state = :reason WHERE id = :id";
constexpr char kInsertActivity[] =
    "INSERT INTO activities (id, dataset_id, user_id, type, timestamp, comments, dataset_name, "
    "dataset_description, dataset_version, changes_description) VALUES (:id, :dataset_id, "
    ":user_id, :type, :timestamp, :comments, :name, :description, :version, :changes)";
constexpr char kListActivities[] =
    "SELECT a.id, a.user_id, u.name, a.type, a.timestamp, a.comments, a.dataset_name, "
    "a.dataset_description, a.dataset_version, a.changes_description FROM activities a "
    "LEFT JOIN users u ON u.id = a.user_id WHERE a.dataset_id = :dataset_id "
    "ORDER BY a.timestamp, a.id";

// DeleteDataset, in foreign-key order; each takes the dataset id (twice when it says so).
// Virtual files go first: they may point at the same dataset's older files.
#define TAIGA_VERSIONS_OF "(SELECT id FROM dataset_versions WHERE dataset_id = :dataset_id)"
constexpr char kDeleteConversions[] =
    "DELETE FROM conversion_cache WHERE datafile_id IN (SELECT f.id FROM datafiles f "
    "JOIN dataset_versions v ON v.id = f.dataset_version_id WHERE v.dataset_id = :dataset_id)";
// Files of sessions already made into versions are history; an unfinished session that still
// refers to one of these files keeps the delete from happening (FailedPrecondition).
constexpr char kDeleteUsedSessionRefs[] =
    "DELETE FROM upload_session_files WHERE existing_datafile_id IN (SELECT id FROM datafiles "
    "WHERE dataset_version_id IN " TAIGA_VERSIONS_OF ") AND session_id IN "
    "(SELECT id FROM upload_sessions WHERE used_at IS NOT NULL)";
constexpr char kDeleteVirtualFiles[] =
    "DELETE FROM datafiles WHERE kind = 'virtual' AND dataset_version_id IN " TAIGA_VERSIONS_OF;
constexpr char kDeleteFiles[] =
    "DELETE FROM datafiles WHERE dataset_version_id IN " TAIGA_VERSIONS_OF;
#define TAIGA_ENTRY_OR_VERSIONS "WHERE entry_id = :id OR entry_id IN " TAIGA_VERSIONS_OF
constexpr char kDeleteMemberships[] = "DELETE FROM folder_entries " TAIGA_ENTRY_OR_VERSIONS;
constexpr char kDeleteAccessLogs[] = "DELETE FROM access_logs " TAIGA_ENTRY_OR_VERSIONS;
constexpr char kDeleteGrants[] = "DELETE FROM rights_grants " TAIGA_ENTRY_OR_VERSIONS;
#undef TAIGA_ENTRY_OR_VERSIONS
#undef TAIGA_VERSIONS_OF
constexpr char kDeleteSubscriptions[] = "DELETE FROM subscriptions WHERE dataset_id = :id";
constexpr char kDeleteActivities[] = "DELETE FROM activities WHERE dataset_id = :id";
constexpr char kDeletePermanames[] = "DELETE FROM dataset_permanames WHERE dataset_id = :id";
constexpr char kDeleteVersions[] =
    "DELETE FROM dataset_versions WHERE dataset_id = :id RETURNING id";
constexpr char kDeleteVersionEntry[] =
    "DELETE FROM entries WHERE id = :id AND type = 'dataset_version'";
constexpr char kDeleteDatasetRow[] = "DELETE FROM datasets WHERE id = :id";
constexpr char kDeleteDatasetEntry[] = "DELETE FROM entries WHERE id = :id AND type = 'dataset'";

using DatasetStatement =
    PreparedStatement<Params<std::string>,
                      Columns<std::string, std::string, OptString, int64_t, OptString, OptString>>;
using VersionColumns = Columns<std::string, std::string, OptString, int64_t, OptString, OptString,
                               std::string, int64_t, std::string, OptString, OptString>;
using VersionByKey = PreparedStatement<Params<std::string>, VersionColumns>;
using VersionByNumber = PreparedStatement<Params<std::string, int64_t>, VersionColumns>;
using IdStatement = PreparedStatement<Params<std::string>, Columns<>>;
using TwoIdStatement = PreparedStatement<Params<std::string, std::string>, Columns<>>;
using ExistsStatement = PreparedStatement<Params<std::string>, Columns<int>>;

// The entry columns e.id .. u.name at the start of a row.
template <typename Row>
domain::Entry EntryOf(Row& row, domain::EntryType type) {
  domain::Entry entry{std::move(std::get<0>(row)),
                      type,
                      std::move(std::get<1>(row)),
                      std::move(std::get<2>(row)),
                      std::get<3>(row),
                      std::nullopt};
  if (std::get<4>(row)) {
    entry.creator = domain::NamedId{std::move(*std::get<4>(row)), std::get<5>(row).value_or("")};
  }
  return entry;
}

domain::DatasetVersion VersionOf(VersionByKey::Row& row) {
  domain::DatasetVersion v;
  v.entry = EntryOf(row, domain::EntryType::kDatasetVersion);
  v.dataset_id = std::move(std::get<6>(row));
  v.version = std::get<7>(row);
  const std::optional<domain::VersionState> state = domain::ParseVersionState(std::get<8>(row));
  if (!state) throw std::runtime_error("version " + v.entry.id + " has state " + std::get<8>(row));
  v.state = *state;
  v.reason_state = std::move(std::get<9>(row));
  v.changes_description = std::move(std::get<10>(row));
  return v;
}

OptString CreatorId(const domain::Entry& e) {
  return e.creator ? OptString(e.creator->id) : std::nullopt;
}

void InsertEntry(SqlConnection& c, const domain::Entry& e, const char* type,
                 const std::string& name) {
  c.Statement<PreparedStatement<
      Params<std::string, std::string, std::string, OptString, OptString, int64_t>, Columns<>>>(
       kInsertEntry)
      .Bind(e.id, type, name, e.description, CreatorId(e), e.creation_date)
      .Exec();
}

bool Exists(SqlConnection& c, const char* sql, const std::string& key) {
  return c.Statement<ExistsStatement>(sql).Bind(key).First().has_value();
}

Result<std::optional<domain::Dataset>> LoadDataset(SqlConnection& c, const std::string& id) {
  auto row = c.Statement<DatasetStatement>(kFindDataset).Bind(id).First();
  if (!row) return std::optional<domain::Dataset>();
  domain::Dataset dataset;
  dataset.entry = EntryOf(*row, domain::EntryType::kDataset);
  using S = PreparedStatement<Params<std::string>, Columns<std::string>>;
  c.Statement<S>(kListPermanames).Bind(id).ForEach([&](S::Row&& p) {
    dataset.permanames.push_back(std::move(std::get<0>(p)));
  });
  return std::optional<domain::Dataset>(std::move(dataset));
}

}  // namespace

Status SqlDatasetRepository::InsertDataset(const domain::Dataset& dataset,
                                           common::Timestamp permaname_created_at) {
  if (dataset.permanames.size() != 1) {
    return common::InvalidArgument("a new dataset needs exactly one permaname, got " +
                                   std::to_string(dataset.permanames.size()));
  }
  return context_.Run("insert dataset", [&](SqlConnection& c) {
    const std::string& permaname = dataset.permanames.front();
    if (Exists(c, kPermanameTaken, permaname)) {
      return common::AlreadyExists("insert dataset: permaname " + permaname + " is taken");
    }
    InsertEntry(c, dataset.entry, "dataset", dataset.entry.name);
    c.Statement<IdStatement>(kInsertDataset).Bind(dataset.entry.id).Exec();
    c.Statement<PreparedStatement<Params<std::string, std::string, int64_t>, Columns<>>>(
         kInsertPermaname)
        .Bind(permaname, dataset.entry.id, permaname_created_at)
        .Exec();
    return Status::Ok();
  });
}

Status SqlDatasetRepository::AddPermaname(const std::string& dataset_id,
                                          const std::string& permaname, common::Timestamp at) {
  return context_.Run("add permaname", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, int64_t>, Columns<>>>(
         kInsertPermaname)
        .Bind(permaname, dataset_id, at)
        .Exec();
    return Status::Ok();
  });
}

Result<bool> SqlDatasetRepository::PermanameExists(const std::string& permaname) {
  return context_.Run("check permaname", [&](SqlConnection& c) -> Result<bool> {
    return Exists(c, kPermanameTaken, permaname);
  });
}

Result<std::optional<domain::Dataset>> SqlDatasetRepository::FindDataset(const std::string& id) {
  return context_.Run("find dataset", [&](SqlConnection& c) { return LoadDataset(c, id); });
}

Result<std::optional<domain::Dataset>> SqlDatasetRepository::FindDatasetByPermaname(
    const std::string& permaname) {
  return context_.Run("find dataset by permaname",
                      [&](SqlConnection& c) -> Result<std::optional<domain::Dataset>> {
                        using S = PreparedStatement<Params<std::string>, Columns<std::string>>;
                        auto owner = c.Statement<S>(kPermanameOwner).Bind(permaname).First();
                        if (!owner) return std::optional<domain::Dataset>();
                        return LoadDataset(c, std::get<0>(*owner));
                      });
}

Status SqlDatasetRepository::LockDataset(const std::string& dataset_id) {
  return context_.Run("lock dataset", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string>, Columns<std::string>>;
    bool found;
    if (c.dialect() == SqlDialect::kPostgres) {
      found = c.Statement<S>(kLockDataset).Bind(dataset_id).First().has_value();
    } else {
      found = Exists(c, kDatasetExists, dataset_id);
    }
    return found ? Status::Ok() : common::NotFound("dataset " + dataset_id + " does not exist");
  });
}

Status SqlDatasetRepository::DeleteDataset(const std::string& dataset_id) {
  return context_.Run("delete dataset", [&](SqlConnection& c) {
    // Checked first: the statements below would also delete rows of a folder with this id.
    if (!Exists(c, kDatasetExists, dataset_id)) {
      return common::NotFound("dataset " + dataset_id + " does not exist");
    }
    for (const char* sql :
         {kDeleteConversions, kDeleteUsedSessionRefs, kDeleteVirtualFiles, kDeleteFiles}) {
      c.Statement<IdStatement>(sql).Bind(dataset_id).Exec();
    }
    for (const char* sql : {kDeleteMemberships, kDeleteAccessLogs, kDeleteGrants}) {
      c.Statement<TwoIdStatement>(sql).Bind(dataset_id, dataset_id).Exec();
    }
    for (const char* sql : {kDeleteSubscriptions, kDeleteActivities, kDeletePermanames}) {
      c.Statement<IdStatement>(sql).Bind(dataset_id).Exec();
    }
    using Returning = PreparedStatement<Params<std::string>, Columns<std::string>>;
    std::vector<std::string> version_ids;
    c.Statement<Returning>(kDeleteVersions).Bind(dataset_id).ForEach([&](Returning::Row&& row) {
      version_ids.push_back(std::move(std::get<0>(row)));
    });
    for (const std::string& id : version_ids) {
      c.Statement<IdStatement>(kDeleteVersionEntry).Bind(id).Exec();
    }
    c.Statement<IdStatement>(kDeleteDatasetRow).Bind(dataset_id).Exec();
    c.Statement<IdStatement>(kDeleteDatasetEntry).Bind(dataset_id).Exec();
    return Status::Ok();
  });
}

Status SqlDatasetRepository::InsertVersion(const domain::DatasetVersion& v) {
  return context_.Run("insert dataset version", [&](SqlConnection& c) {
    using Taken = PreparedStatement<Params<std::string, int64_t>, Columns<int>>;
    if (c.Statement<Taken>(kVersionNumberTaken).Bind(v.dataset_id, v.version).First()) {
      return common::AlreadyExists("insert dataset version: version " + std::to_string(v.version) +
                                   " already exists");
    }
    InsertEntry(c, v.entry, "dataset_version", std::to_string(v.version));
    c.Statement<PreparedStatement<
        Params<std::string, std::string, int64_t, std::string, OptString, OptString>, Columns<>>>(
         kInsertVersion)
        .Bind(v.entry.id, v.dataset_id, v.version, std::string(domain::VersionStateName(v.state)),
              v.reason_state, v.changes_description)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::DatasetVersion>> SqlDatasetRepository::FindVersion(
    const std::string& version_id) {
  return context_.Run("find dataset version",
                      [&](SqlConnection& c) -> Result<std::optional<domain::DatasetVersion>> {
                        auto row = c.Statement<VersionByKey>(kFindVersion).Bind(version_id).First();
                        if (!row) return std::optional<domain::DatasetVersion>();
                        return std::optional<domain::DatasetVersion>(VersionOf(*row));
                      });
}

Result<std::optional<domain::DatasetVersion>> SqlDatasetRepository::FindVersionByNumber(
    const std::string& dataset_id, int64_t number) {
  return context_.Run(
      "find dataset version",
      [&](SqlConnection& c) -> Result<std::optional<domain::DatasetVersion>> {
        auto row =
            c.Statement<VersionByNumber>(kFindVersionByNumber).Bind(dataset_id, number).First();
        if (!row) return std::optional<domain::DatasetVersion>();
        return std::optional<domain::DatasetVersion>(VersionOf(*row));
      });
}

Result<std::optional<domain::DatasetVersion>> SqlDatasetRepository::LatestVersion(
    const std::string& dataset_id) {
  return context_.Run("find latest version",
                      [&](SqlConnection& c) -> Result<std::optional<domain::DatasetVersion>> {
                        auto row =
                            c.Statement<VersionByKey>(kLatestVersion).Bind(dataset_id).First();
                        if (!row) return std::optional<domain::DatasetVersion>();
                        return std::optional<domain::DatasetVersion>(VersionOf(*row));
                      });
}

Result<std::vector<domain::DatasetVersion>> SqlDatasetRepository::ListVersions(
    const std::string& dataset_id) {
  return context_.Run(
      "list dataset versions",
      [&](SqlConnection& c) -> Result<std::vector<domain::DatasetVersion>> {
        std::vector<domain::DatasetVersion> versions;
        c.Statement<VersionByKey>(kListVersions)
            .Bind(dataset_id)
            .ForEach([&](VersionByKey::Row&& row) { versions.push_back(VersionOf(row)); });
        return versions;
      });
}

Status SqlDatasetRepository::SetVersionState(const std::string& version_id,
                                             domain::VersionState state,
                                             const std::optional<std::string>& reason) {
  return context_.Run("set version state", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, OptString, std::string>, Columns<>>;
    const long long changed =
        c.Statement<S>(kSetVersionState)
            .Bind(std::string(domain::VersionStateName(state)), reason, version_id)
            .Exec();
    if (changed == 0) return common::NotFound("dataset version " + version_id + " does not exist");
    return Status::Ok();
  });
}

Status SqlDatasetRepository::InsertActivity(const domain::Activity& a) {
  return context_.Run("insert activity", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, OptString, std::string, int64_t,
                                         OptString, OptString, OptString, OptInt, OptString>,
                                  Columns<>>>(kInsertActivity)
        .Bind(a.id, a.dataset_id, a.user_id, a.type, a.timestamp, a.comments, a.dataset_name,
              a.dataset_description, a.dataset_version, a.changes_description)
        .Exec();
    return Status::Ok();
  });
}

Result<std::vector<domain::Activity>> SqlDatasetRepository::ListActivities(
    const std::string& dataset_id) {
  return context_.Run(
      "list activities", [&](SqlConnection& c) -> Result<std::vector<domain::Activity>> {
        using S = PreparedStatement<Params<std::string>,
                                    Columns<std::string, OptString, OptString, std::string, int64_t,
                                            OptString, OptString, OptString, OptInt, OptString>>;
        std::vector<domain::Activity> activities;
        c.Statement<S>(kListActivities).Bind(dataset_id).ForEach([&](S::Row&& row) {
          auto& [id, user_id, user_name, type, timestamp, comments, name, description, version,
                 changes] = row;
          activities.push_back({std::move(id), dataset_id, std::move(user_id), std::move(user_name),
                                std::move(type), timestamp, std::move(comments), std::move(name),
                                std::move(description), version, std::move(changes)});
        });
        return activities;
      });
}

}  // namespace taiga::db
