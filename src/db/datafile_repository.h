// Data files of versions and the content-addressed blobs they point at, inside one
// Transaction. Not thread-safe (belongs to its transaction). All calls return Unavailable when
// the database fails and Aborted when a concurrent transaction won.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/dataset.h"

namespace taiga::db {

struct BlobRow {
  std::string sha256;
  std::string md5;
  int64_t size = 0;
  std::string store_key;
  common::Timestamp created_at = 0;
};

class DatafileRepository {
 public:
  virtual ~DatafileRepository() = default;

  // Errors: AlreadyExists (a file of that name in the version), FailedPrecondition (unknown
  // version, blob or underlying file).
  virtual common::Status Insert(const domain::Datafile& datafile) = 0;
  virtual common::Result<std::optional<domain::Datafile>> Find(const std::string& id) = 0;
  virtual common::Result<std::optional<domain::Datafile>> FindByName(
      const std::string& version_id, const std::string& name) = 0;
  // The files of a version, by name.
  virtual common::Result<std::vector<domain::Datafile>> ListForVersion(
      const std::string& version_id) = 0;
  // Ids of datasets (other than `dataset_id`) with virtual files pointing into `dataset_id`.
  virtual common::Result<std::vector<std::string>> DatasetsReferencing(
      const std::string& dataset_id) = 0;
  virtual common::Status SetPreview(const std::string& datafile_id,
                                    const std::optional<std::string>& preview_json) = 0;

  // Records a blob; when one with that sha256 exists, only its created_at is set to the new
  // value (a fresh claim, which keeps the collector away; md5, size and key stay).
  virtual common::Status InsertBlob(const BlobRow& blob) = 0;
  // Serialises claims and collection of one blob until the transaction ends (PostgreSQL: an
  // advisory lock on the sha256; SQLite: writers are serialised already).
  virtual common::Status LockBlob(const std::string& sha256) = 0;
  // True when a datafile, session file or cache entry refers to the blob.
  virtual common::Result<bool> IsBlobReferenced(const std::string& sha256) = 0;
  virtual common::Result<std::optional<BlobRow>> FindBlob(const std::string& sha256) = 0;
  // Blobs nothing (no datafile, session file or cache entry) refers to any more, claimed last
  // before `created_before`, oldest first.
  virtual common::Result<std::vector<BlobRow>> ListUnreferencedBlobs(
      size_t limit, common::Timestamp created_before) = 0;
  virtual common::Status DeleteBlob(const std::string& sha256) = 0;
};

}  // namespace taiga::db
