#include "app/access_policy.h"

#include "domain/rights.h"

namespace taiga::app {

common::Status AccessPolicy::RequireActor(const RequestContext& ctx) {
  if (!ctx.actor) return common::Unauthenticated("sign in first: send Authorization: Bearer <token>");
  return common::Status::Ok();
}

common::Result<bool> AccessPolicy::CanEdit(db::Transaction& tx, const RequestContext& ctx,
                                           const domain::Entry& entry) {
  TAIGA_RETURN_IF_ERROR(RequireActor(ctx));
  domain::RightsFacts facts;
  facts.actor_id = ctx.actor->user_id;
  facts.actor_is_admin = ctx.actor->is_admin;
  if (entry.creator) facts.creator_id = entry.creator->id;
  if (domain::CanEdit(facts)) return true;
  TAIGA_ASSIGN_OR_RETURN(facts.has_editor_grant,
                         tx.Entries().HasEditorGrant(entry.id, ctx.actor->user_id));
  return domain::CanEdit(facts);
}

common::Status AccessPolicy::RequireEdit(db::Transaction& tx, const RequestContext& ctx,
                                         const domain::Entry& entry) {
  TAIGA_ASSIGN_OR_RETURN(bool ok, CanEdit(tx, ctx, entry));
  if (!ok) {
    return common::PermissionDenied("you may not change '" + entry.name + "' (" + entry.id +
                                    "): only its creator, its editors and Admin members may");
  }
  return common::Status::Ok();
}

}  // namespace taiga::app
