// HealthService: readiness — whether the dependencies a request needs answer. Thread-safe.
#pragma once

#include "common/status.h"
#include "db/database.h"

namespace taiga::app {

class HealthService {
 public:
  explicit HealthService(db::Database& db) : db_(db) {}
  // Ok when the database answers. Errors: Unavailable naming what failed.
  common::Status CheckReady();
  // "sqlite" or "postgresql".
  std::string BackendName() const { return db_.BackendName(); }

 private:
  db::Database& db_;
};

}  // namespace taiga::app
