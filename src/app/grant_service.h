// GrantService: editor grants on entries — who besides the creator and Admin may change an
// entry. Anyone signed in may list them; only those who may edit the entry may change them.
// Each call is one transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/rights.h"

namespace taiga::app {

struct NewGrant {
  std::optional<std::string> user_id;  // exactly one of user_id and group_id
  std::optional<int64_t> group_id;
  std::string role = "editor";
};

class GrantService {
 public:
  GrantService(db::Database& db, const common::Clock& clock) : db_(db), clock_(clock) {}

  // Errors: NotFound (entry), Unauthenticated, Unavailable.
  common::Result<std::vector<domain::RightsGrant>> List(const RequestContext& ctx,
                                                        const std::string& entry_id);
  // Adds a grant (or returns the existing identical one). Errors: InvalidArgument (neither or
  // both of user and group, unknown role), NotFound (entry, user or group), PermissionDenied.
  common::Result<domain::RightsGrant> Add(const RequestContext& ctx, const std::string& entry_id,
                                          const NewGrant& grant);
  // Errors: NotFound (entry or grant), PermissionDenied.
  common::Status Remove(const RequestContext& ctx, const std::string& entry_id,
                        const std::string& grant_id);

 private:
  common::Result<domain::Entry> LoadEntry(db::Transaction& tx, const std::string& entry_id);

  db::Database& db_;
  const common::Clock& clock_;
};

}  // namespace taiga::app
