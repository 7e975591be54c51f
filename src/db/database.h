// Database: where transactions come from. The app layer owns transactions: it begins one per
// use case, uses the repositories it hands out, and commits. Database is thread-safe; a
// Transaction is used by one thread at a time and rolls back when destroyed uncommitted.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "db/conversion_repository.h"
#include "db/datafile_repository.h"
#include "db/dataset_repository.h"
#include "db/entry_repository.h"
#include "db/group_repository.h"
#include "db/job_repository.h"
#include "db/upload_repository.h"
#include "db/user_repository.h"
#include "db/web_session_repository.h"

namespace taiga::db {

enum class TxMode {
  kRead,   // a consistent snapshot; writes are a programming error
  kWrite,  // serialised with other writers (SQLite) or SERIALIZABLE (PostgreSQL)
  // A write that orders itself with explicit locks (DatasetRepository::LockDataset) instead:
  // SQLite as kWrite; PostgreSQL at READ COMMITTED, so that after waiting for a lock it sees
  // what the lock's previous holder committed.
  kLockingWrite,
};

class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual UserRepository& Users() = 0;
  virtual GroupRepository& Groups() = 0;
  virtual EntryRepository& Entries() = 0;
  virtual JobRepository& Jobs() = 0;
  virtual DatasetRepository& Datasets() = 0;
  virtual DatafileRepository& Datafiles() = 0;
  virtual UploadRepository& Uploads() = 0;
  virtual WebSessionRepository& WebSessions() = 0;
  virtual ConversionRepository& Conversions() = 0;

  // Makes the writes durable. Errors: Aborted when a concurrent writer won (retry the use
  // case), Unavailable when the database failed. After Commit the transaction is finished.
  virtual common::Status Commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // Begins a transaction. Errors: Unavailable when no connection can be had.
  virtual common::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;
  // Ok when the database answers a trivial query.
  virtual common::Status Ping() = 0;
  // Applies every migration newer than the schema, each in its own transaction; safe to call
  // from several processes at once (they serialise). Errors: Unavailable, Internal (bad SQL).
  virtual common::Status Migrate() = 0;
  // "sqlite" or "postgresql".
  virtual std::string BackendName() const = 0;
};

}  // namespace taiga::db
