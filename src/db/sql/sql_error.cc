#include "db/sql/sql_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace taiga::db {
namespace {

using common::Status;

// Primary SQLite result codes (sqlite3.h), named here to keep the mapping readable.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string Describe(std::string_view what, const std::string& message) {
  std::string out(what);
  out += ": ";
  out += message;
  return out;
}

Status FromSqlite(const soci::sqlite3_soci_error& e, std::string_view what) {
  const std::string message = e.get_error_message();
  const int code = e.result() & 0xff;  // extended codes keep the primary code in the low byte
  switch (code) {
    case kSqliteConstraint:
      if (Contains(message, "UNIQUE constraint") || Contains(message, "PRIMARY KEY")) {
        return common::AlreadyExists(Describe(what, "already exists"));
      }
      if (Contains(message, "FOREIGN KEY")) {
        return common::FailedPrecondition(Describe(what, "a referenced row does not exist"));
      }
      return common::Internal(Describe(what, message));
    case kSqliteBusy:
    case kSqliteLocked:
      return common::Aborted(Describe(what, "the database is busy; retry"));
    case kSqliteIoErr:
    case kSqliteFull:
    case kSqliteCantOpen:
      return common::Unavailable(Describe(what, message));
    default:
      return common::Internal(Describe(what, message));
  }
}

Status FromPostgres(const soci::postgresql_soci_error& e, std::string_view what) {
  const std::string state = e.sqlstate();
  const std::string message = e.get_error_message();
  if (state == "23505") {
    return common::AlreadyExists(Describe(what, "already exists"));
  }
  if (state == "23503") {
    return common::FailedPrecondition(Describe(what, "a referenced row does not exist"));
  }
  if (state == "40001" || state == "40P01") {
    return common::Aborted(Describe(what, "a concurrent transaction won; retry"));
  }
  if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state.rfind("53", 0) == 0) {
    return common::Unavailable(Describe(what, message));
  }
  return common::Internal(Describe(what, message));
}

}  // namespace

Status SqlErrorToStatus(SqlDialect dialect, const std::exception& e, std::string_view what) {
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return FromSqlite(*sqlite, what);
  }
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return FromPostgres(*pg, what);
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    const std::string message = soci_error->get_error_message();
    if (soci_error->get_error_category() == soci::soci_error::connection_error ||
        Contains(message, "Cannot establish connection") || Contains(message, "not connected")) {
      return common::Unavailable(Describe(what, message));
    }
    return common::Internal(Describe(what, message));
  }
  return common::Internal(Describe(what, e.what()));
}

}  // namespace taiga::db
