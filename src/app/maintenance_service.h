// MaintenanceService: operator tasks that are not about one user's data — applying schema
// migrations. Thread-safe.
#pragma once

#include "common/status.h"
#include "db/database.h"

namespace taiga::app {

class MaintenanceService {
 public:
  explicit MaintenanceService(db::Database& db) : db_(db) {}
  // Applies pending migrations. Errors: Unavailable, Internal.
  common::Status Migrate() { return db_.Migrate(); }

 private:
  db::Database& db_;
};

}  // namespace taiga::app
