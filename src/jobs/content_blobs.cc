#include "jobs/content_blobs.h"

namespace taiga::jobs {

std::string ContentKey(const std::string& sha256) {
  return "blobs/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string StagingKey(const std::string& job_id, const std::string& name) {
  return "staging/" + job_id + "/" + name;
}

common::Result<db::BlobRow> StoreAsContent(db::Database& db, blob::BlobStore& store,
                                           const common::Clock& clock,
                                           const std::string& staged_key,
                                           const std::string& sha256, const std::string& md5,
                                           uint64_t size) {
  db::BlobRow blob{sha256, md5, static_cast<int64_t>(size), ContentKey(sha256), clock.Now()};
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db.Begin(db::TxMode::kWrite));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().LockBlob(blob.sha256));
    TAIGA_RETURN_IF_ERROR(tx->Datafiles().InsertBlob(blob));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
  }
  TAIGA_RETURN_IF_ERROR(store.Move(staged_key, blob.store_key));
  return blob;
}

common::Result<db::BlobRow> CommitAsContent(db::Database& db, blob::BlobStore& store,
                                            const common::Clock& clock, blob::BlobWriter& writer,
                                            const std::string& staged_key) {
  TAIGA_ASSIGN_OR_RETURN(auto written, writer.Commit());
  return StoreAsContent(db, store, clock, staged_key, written.sha256, written.md5, written.size);
}

}  // namespace taiga::jobs
