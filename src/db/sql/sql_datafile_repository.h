// SqlDatafileRepository: DatafileRepository over a soci::session (SQLite or PostgreSQL), for
// one SqlTransaction: the `datafiles` and `blobs` tables. JSON columns are stored as given.
// Holds only a reference to the transaction's context; not thread-safe.
#pragma once

#include "db/datafile_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlDatafileRepository final : public DatafileRepository {
 public:
  explicit SqlDatafileRepository(SqlTxContext& context) : context_(context) {}

  // Errors: AlreadyExists (id, or name within the version, taken), FailedPrecondition (unknown
  // version, blob or underlying file), InvalidArgument (a virtual file without one).
  common::Status Insert(const domain::Datafile& datafile) override;
  common::Result<std::optional<domain::Datafile>> Find(const std::string& id) override;
  common::Result<std::optional<domain::Datafile>> FindByName(const std::string& version_id,
                                                             const std::string& name) override;
  // Byte-wise by name.
  common::Result<std::vector<domain::Datafile>> ListForVersion(
      const std::string& version_id) override;
  // Each id once, sorted.
  common::Result<std::vector<std::string>> DatasetsReferencing(
      const std::string& dataset_id) override;
  // Errors: NotFound (no such datafile).
  common::Status SetPreview(const std::string& datafile_id,
                            const std::optional<std::string>& preview_json) override;

  common::Status InsertBlob(const BlobRow& blob) override;
  common::Result<std::optional<BlobRow>> FindBlob(const std::string& sha256) override;
  // Oldest first (created_at, then sha256).
  common::Result<std::vector<BlobRow>> ListUnreferencedBlobs(
      size_t limit, common::Timestamp created_before) override;
  common::Status LockBlob(const std::string& sha256) override;
  common::Result<bool> IsBlobReferenced(const std::string& sha256) override;
  // Errors: NotFound (no such blob), FailedPrecondition (still referenced).
  common::Status DeleteBlob(const std::string& sha256) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
