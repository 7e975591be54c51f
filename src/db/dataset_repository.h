// Datasets, their permanames, versions and activity log, inside one Transaction. Not
// thread-safe (belongs to its transaction). All calls return Unavailable when the database
// fails and Aborted when a concurrent transaction won.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/dataset.h"

namespace taiga::db {

class DatasetRepository {
 public:
  virtual ~DatasetRepository() = default;

  // Inserts the entry and dataset rows and the first permaname.
  // Errors: AlreadyExists (id or permaname taken).
  virtual common::Status InsertDataset(const domain::Dataset& dataset,
                                       common::Timestamp permaname_created_at) = 0;
  // Adds a permaname (renames keep the old ones). Errors: AlreadyExists.
  virtual common::Status AddPermaname(const std::string& dataset_id, const std::string& permaname,
                                      common::Timestamp at) = 0;
  virtual common::Result<bool> PermanameExists(const std::string& permaname) = 0;
  // A dataset by id, with all permanames (oldest first).
  virtual common::Result<std::optional<domain::Dataset>> FindDataset(const std::string& id) = 0;
  // A dataset by any of its permanames.
  virtual common::Result<std::optional<domain::Dataset>> FindDatasetByPermaname(
      const std::string& permaname) = 0;
  // Serialises version creation for one dataset until the transaction ends (PostgreSQL: a row
  // lock — use it in a TxMode::kLockingWrite transaction, so that the statements after it see
  // what earlier lock holders committed; SQLite: writers are serialised already).
  // Errors: NotFound.
  virtual common::Status LockDataset(const std::string& dataset_id) = 0;
  // Deletes a dataset with its versions, datafiles, permanames and activities.
  virtual common::Status DeleteDataset(const std::string& dataset_id) = 0;

  // Inserts a version (entry + version rows). Errors: AlreadyExists when the number is taken.
  virtual common::Status InsertVersion(const domain::DatasetVersion& version) = 0;
  virtual common::Result<std::optional<domain::DatasetVersion>> FindVersion(
      const std::string& version_id) = 0;
  virtual common::Result<std::optional<domain::DatasetVersion>> FindVersionByNumber(
      const std::string& dataset_id, int64_t number) = 0;
  // The highest-numbered version, whatever its state.
  virtual common::Result<std::optional<domain::DatasetVersion>> LatestVersion(
      const std::string& dataset_id) = 0;
  // All versions by number.
  virtual common::Result<std::vector<domain::DatasetVersion>> ListVersions(
      const std::string& dataset_id) = 0;
  virtual common::Status SetVersionState(const std::string& version_id, domain::VersionState state,
                                         const std::optional<std::string>& reason) = 0;

  virtual common::Status InsertActivity(const domain::Activity& activity) = 0;
  // Oldest first, with user names.
  virtual common::Result<std::vector<domain::Activity>> ListActivities(
      const std::string& dataset_id) = 0;
};

}  // namespace taiga::db
