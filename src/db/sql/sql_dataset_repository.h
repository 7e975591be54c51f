// SqlDatasetRepository: DatasetRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction. Datasets and versions are `entries` rows (type 'dataset' / 'dataset_version')
// plus a row of their own table. Holds only a reference to the transaction's context; not
// thread-safe.
#pragma once

#include "db/dataset_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlDatasetRepository final : public DatasetRepository {
 public:
  explicit SqlDatasetRepository(SqlTxContext& context) : context_(context) {}

  // `dataset.permanames` must hold exactly the first permaname (InvalidArgument otherwise).
  // Errors: AlreadyExists (id or permaname taken), FailedPrecondition (unknown creator).
  common::Status InsertDataset(const domain::Dataset& dataset,
                               common::Timestamp permaname_created_at) override;
  // Errors: AlreadyExists (permaname taken), FailedPrecondition (unknown dataset).
  common::Status AddPermaname(const std::string& dataset_id, const std::string& permaname,
                              common::Timestamp at) override;
  common::Result<bool> PermanameExists(const std::string& permaname) override;
  // Permanames ordered by creation date, then byte-wise; nullopt for an unknown id.
  common::Result<std::optional<domain::Dataset>> FindDataset(const std::string& id) override;
  common::Result<std::optional<domain::Dataset>> FindDatasetByPermaname(
      const std::string& permaname) override;
  // PostgreSQL: SELECT ... FOR UPDATE on the datasets row, held until the transaction ends (a
  // SERIALIZABLE transaction's snapshot still predates the wait, so a competing version insert
  // then fails with Aborted or AlreadyExists). SQLite: an existence check. Errors: NotFound.
  common::Status LockDataset(const std::string& dataset_id) override;
  // Also removes the folder memberships, access logs, grants, subscriptions and conversion
  // cache rows of the dataset and its versions (the blobs stay; see ListUnreferencedBlobs).
  // Errors: NotFound (no such dataset), FailedPrecondition (a file of another dataset or an
  // upload session still refers to one of its files).
  common::Status DeleteDataset(const std::string& dataset_id) override;

  // Stores entry.name as the version number. Errors: AlreadyExists (id or number taken; a taken
  // number is found before anything is written), FailedPrecondition (unknown dataset/creator).
  common::Status InsertVersion(const domain::DatasetVersion& version) override;
  common::Result<std::optional<domain::DatasetVersion>> FindVersion(
      const std::string& version_id) override;
  common::Result<std::optional<domain::DatasetVersion>> FindVersionByNumber(
      const std::string& dataset_id, int64_t number) override;
  common::Result<std::optional<domain::DatasetVersion>> LatestVersion(
      const std::string& dataset_id) override;
  common::Result<std::vector<domain::DatasetVersion>> ListVersions(
      const std::string& dataset_id) override;
  // Errors: NotFound (no such version).
  common::Status SetVersionState(const std::string& version_id, domain::VersionState state,
                                 const std::optional<std::string>& reason) override;

  // Errors: AlreadyExists (id taken), FailedPrecondition (unknown dataset or user).
  common::Status InsertActivity(const domain::Activity& activity) override;
  // By timestamp, then id.
  common::Result<std::vector<domain::Activity>> ListActivities(
      const std::string& dataset_id) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
