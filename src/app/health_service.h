// HealthService: readiness — whether the dependencies a request needs answer. Thread-safe.
#pragma once

#include "blob/blob_store.h"
#include "common/status.h"
#include "db/database.h"

namespace taiga::app {

class HealthService {
 public:
  HealthService(db::Database& db, blob::BlobStore& blobs) : db_(db), blobs_(blobs) {}
  // Ok when the database and the blob store answer. Errors: Unavailable naming what failed.
  common::Status CheckReady();
  // "sqlite" or "postgresql".
  std::string BackendName() const { return db_.BackendName(); }

 private:
  db::Database& db_;
  blob::BlobStore& blobs_;
};

}  // namespace taiga::app
