#include "main/database_factory.h"

#include "db/postgres/postgres_database.h"
#include "db/sqlite/sqlite_database.h"

namespace taiga::main {

common::Result<std::unique_ptr<db::Database>> OpenDatabase(const Config& config) {
  const std::string url = config.DatabaseUrl();
  std::unique_ptr<db::Database> database;
  if (url.rfind("sqlite:", 0) == 0) {
    db::SqliteOptions options;
    options.path = url.substr(7);
    options.reader_connections = config.sqlite_readers;
    TAIGA_ASSIGN_OR_RETURN(database, db::SqliteDatabase::Open(options));
  } else {
    db::PostgresOptions options;
    options.url = url;
    options.pool_size = config.postgres_pool_size;
    TAIGA_ASSIGN_OR_RETURN(database, db::PostgresDatabase::Open(options));
  }
  TAIGA_RETURN_IF_ERROR(database->Migrate());
  return database;
}

}  // namespace taiga::main
