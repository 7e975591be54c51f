// BootstrapService: makes a fresh database usable — the Public folder, the Admin group and the
// first admin user — exactly once, even when several servers start together. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/user_service.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

struct BootstrapOptions {
  std::string admin_name = "admin";              // the first admin's user name
  std::string admin_email = "admin@localhost";   // and email
};

class BootstrapService {
 public:
  BootstrapService(db::Database& db, const common::Clock& clock, UserService& users)
      : db_(db), clock_(clock), users_(users) {}

  // Creates what is missing. Returns the new admin's token secret when this call created the
  // admin, nullopt when the database was already bootstrapped. Errors: Unavailable, Internal.
  common::Result<std::optional<std::string>> EnsureBootstrapped(const BootstrapOptions& options);

 private:
  db::Database& db_;
  const common::Clock& clock_;
  UserService& users_;
};

}  // namespace taiga::app
