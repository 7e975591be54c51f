// SqlErrorToStatus: the mapping of SQLite and PostgreSQL errors to Status codes.
#include "db/sql/sql_error.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

namespace taiga::db {
namespace {

using common::StatusCode;

StatusCode Sqlite(const std::string& message, int code) {
  return SqlErrorToStatus(SqlDialect::kSqlite, soci::sqlite3_soci_error(message, code), "op")
      .code();
}
StatusCode Postgres(const char* sqlstate) {
  return SqlErrorToStatus(SqlDialect::kPostgres, soci::postgresql_soci_error("boom", sqlstate),
                          "op")
      .code();
}

TEST(SqlErrorTest, SqliteCodes) {
  EXPECT_EQ(Sqlite("UNIQUE constraint failed: users.name", 19), StatusCode::kAlreadyExists);
  EXPECT_EQ(Sqlite("UNIQUE constraint failed: users.name", 2067), StatusCode::kAlreadyExists);
  EXPECT_EQ(Sqlite("FOREIGN KEY constraint failed", 787), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Sqlite("CHECK constraint failed: type", 275), StatusCode::kInternal);
  EXPECT_EQ(Sqlite("database is locked", 5), StatusCode::kAborted);
  EXPECT_EQ(Sqlite("database is locked", 517), StatusCode::kAborted);  // BUSY_SNAPSHOT
  EXPECT_EQ(Sqlite("database table is locked", 6), StatusCode::kAborted);
  EXPECT_EQ(Sqlite("unable to open database file", 14), StatusCode::kUnavailable);
  EXPECT_EQ(Sqlite("disk I/O error", 10), StatusCode::kUnavailable);
  EXPECT_EQ(Sqlite("no such table: nope", 1), StatusCode::kInternal);
}

TEST(SqlErrorTest, PostgresSqlStates) {
  EXPECT_EQ(Postgres("23505"), StatusCode::kAlreadyExists);
  EXPECT_EQ(Postgres("23503"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Postgres("40001"), StatusCode::kAborted);
  EXPECT_EQ(Postgres("40P01"), StatusCode::kAborted);
  EXPECT_EQ(Postgres("08006"), StatusCode::kUnavailable);
  EXPECT_EQ(Postgres("57P01"), StatusCode::kUnavailable);  // admin shutdown
  EXPECT_EQ(Postgres("53300"), StatusCode::kUnavailable);  // too many connections
  EXPECT_EQ(Postgres("42P01"), StatusCode::kInternal);
  EXPECT_EQ(Postgres("25006"), StatusCode::kInternal);  // write in a read-only transaction
}

TEST(SqlErrorTest, OtherExceptionsAndMessages) {
  common::Status s =
      SqlErrorToStatus(SqlDialect::kSqlite, std::runtime_error("odd"), "list users");
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message(), "list users: odd");
  EXPECT_EQ(SqlErrorToStatus(SqlDialect::kPostgres,
                             soci::soci_error("Cannot establish connection to the database."), "x")
                .code(),
            StatusCode::kUnavailable);
  common::Status unique = SqlErrorToStatus(
      SqlDialect::kSqlite, soci::sqlite3_soci_error("UNIQUE constraint failed: users.name", 19),
      "insert user");
  EXPECT_NE(unique.message().find("insert user"), std::string::npos);
  // Database internals stay out of messages people see.
  EXPECT_EQ(unique.message().find("users.name"), std::string::npos) << unique.message();
}

}  // namespace
}  // namespace taiga::db
