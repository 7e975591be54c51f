#include "app/grant_service.h"

#include "app/access_policy.h"
#include "common/random.h"

namespace taiga::app {

common::Result<domain::Entry> GrantService::LoadEntry(db::Transaction& tx,
                                                      const std::string& entry_id) {
  TAIGA_ASSIGN_OR_RETURN(auto entry, tx.Entries().FindEntry(entry_id));
  if (!entry) return common::NotFound("no entry with id '" + entry_id + "'");
  return *entry;
}

common::Result<std::vector<domain::RightsGrant>> GrantService::List(const RequestContext& ctx,
                                                                    const std::string& entry_id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto entry, LoadEntry(*tx, entry_id));
  return tx->Entries().ListGrants(entry.id);
}

common::Result<domain::RightsGrant> GrantService::Add(const RequestContext& ctx,
                                                      const std::string& entry_id,
                                                      const NewGrant& request) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (request.user_id.has_value() == request.group_id.has_value()) {
    return common::InvalidArgument("give exactly one of 'userId' and 'groupId'");
  }
  if (request.role != "editor") {
    return common::InvalidArgument("'role' must be \"editor\", not \"" + request.role + "\"");
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto entry, LoadEntry(*tx, entry_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, entry));
  if (request.user_id) {
    TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindById(*request.user_id));
    if (!user) return common::NotFound("userId: no user with id '" + *request.user_id + "'");
  } else {
    TAIGA_ASSIGN_OR_RETURN(auto group, tx->Groups().FindById(*request.group_id));
    if (!group) {
      return common::NotFound("groupId: no group with id " + std::to_string(*request.group_id));
    }
  }
  TAIGA_ASSIGN_OR_RETURN(auto existing, tx->Entries().ListGrants(entry.id));
  for (const auto& g : existing) {
    if (g.role == request.role && g.user_id == request.user_id && g.group_id == request.group_id) {
      return g;
    }
  }
  domain::RightsGrant grant;
  grant.id = common::NewId32();
  grant.entry_id = entry.id;
  grant.user_id = request.user_id;
  grant.group_id = request.group_id;
  grant.role = request.role;
  grant.created_at = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx->Entries().InsertGrant(grant));
  TAIGA_ASSIGN_OR_RETURN(auto after, tx->Entries().ListGrants(entry.id));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  for (auto& g : after) {
    if (g.id == grant.id) return g;
  }
  return grant;
}

common::Status GrantService::Remove(const RequestContext& ctx, const std::string& entry_id,
                                    const std::string& grant_id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto entry, LoadEntry(*tx, entry_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, entry));
  TAIGA_ASSIGN_OR_RETURN(bool removed, tx->Entries().DeleteGrant(entry.id, grant_id));
  if (!removed) return common::NotFound("entry '" + entry_id + "' has no grant '" + grant_id + "'");
  return tx->Commit();
}

}  // namespace taiga::app
