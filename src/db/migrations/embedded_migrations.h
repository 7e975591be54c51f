// The schema migrations compiled into the binary (generated from sqlite/ and postgres/
// NNNN_name.sql by embed_migrations.cmake). Static data: thread-safe, never freed.
#pragma once

#include <span>

namespace taiga::db {

struct Migration {
  int version;       // 1, 2, ...: the NNNN of the file name
  const char* name;  // the rest of the file name, e.g. "initial"
  const char* sql;   // the whole script, possibly several statements
};

// Every SQLite migration, ascending by version, without gaps.
std::span<const Migration> SqliteMigrations();
// Every PostgreSQL migration, ascending by version, without gaps.
std::span<const Migration> PostgresMigrations();

}  // namespace taiga::db
