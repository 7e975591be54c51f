// AccessPolicy: applies the rights rule (domain/rights.h) to an entry inside a transaction.
// Every write use case asks it before changing anything. Stateless; thread-safe.
#pragma once

#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/folder.h"

namespace taiga::app {

class AccessPolicy {
 public:
  // Ok when the caller is signed in. Errors: Unauthenticated.
  static common::Status RequireActor(const RequestContext& ctx);
  // Whether the caller may change `entry`. Errors: Unauthenticated, Unavailable.
  static common::Result<bool> CanEdit(db::Transaction& tx, const RequestContext& ctx,
                                      const domain::Entry& entry);
  // Ok when the caller may change `entry`. Errors: PermissionDenied (saying what was refused),
  // Unauthenticated, Unavailable.
  static common::Status RequireEdit(db::Transaction& tx, const RequestContext& ctx,
                                    const domain::Entry& entry);
};

}  // namespace taiga::app
