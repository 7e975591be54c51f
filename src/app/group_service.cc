#include "app/group_service.h"

#include "app/access_policy.h"
#include "domain/names.h"

namespace taiga::app {

common::Result<std::vector<domain::Group>> GroupService::ListJoined(const RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  return tx->Groups().ListForUser(ctx.actor->user_id);
}

common::Result<domain::Group> GroupService::LoadVisible(db::Transaction& tx,
                                                        const RequestContext& ctx, int64_t id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto group, tx.Groups().FindById(id));
  if (!group) return common::NotFound("no group with id " + std::to_string(id));
  if (!ctx.actor->is_admin) {
    TAIGA_ASSIGN_OR_RETURN(bool member, tx.Groups().IsMember(id, ctx.actor->user_id));
    if (!member) {
      return common::PermissionDenied("only members of group '" + group->name +
                                      "' and Admin members may see or change it");
    }
  }
  return *group;
}

common::Result<domain::Group> GroupService::Get(const RequestContext& ctx, int64_t id) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto group, LoadVisible(*tx, ctx, id));
  TAIGA_ASSIGN_OR_RETURN(group.users, tx->Groups().ListMembers(id));
  return group;
}

common::Result<domain::Group> GroupService::Create(const RequestContext& ctx,
                                                   const std::string& name) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", name, 80));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto taken, tx->Groups().FindByName(name));
  if (taken) return common::AlreadyExists("a group named '" + name + "' already exists");
  TAIGA_ASSIGN_OR_RETURN(int64_t id, tx->Groups().Insert(name));
  TAIGA_RETURN_IF_ERROR(tx->Groups().AddMember(id, ctx.actor->user_id));
  TAIGA_ASSIGN_OR_RETURN(auto group, tx->Groups().FindById(id));
  if (!group) return common::Internal("the new group vanished");
  TAIGA_ASSIGN_OR_RETURN(group->users, tx->Groups().ListMembers(id));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return *group;
}

common::Result<domain::Group> GroupService::ChangeMembers(const RequestContext& ctx, int64_t id,
                                                          const std::vector<std::string>& user_ids,
                                                          bool add) {
  if (user_ids.empty()) return common::InvalidArgument("'userIds' must name at least one user");
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto group, LoadVisible(*tx, ctx, id));
  for (size_t i = 0; i < user_ids.size(); ++i) {
    TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindById(user_ids[i]));
    if (!user) {
      return common::NotFound("userIds[" + std::to_string(i) + "]: no user with id '" +
                              user_ids[i] + "'");
    }
    if (add) {
      TAIGA_RETURN_IF_ERROR(tx->Groups().AddMember(id, user->id));
    } else {
      TAIGA_RETURN_IF_ERROR(tx->Groups().RemoveMember(id, user->id));
    }
  }
  TAIGA_ASSIGN_OR_RETURN(group.users, tx->Groups().ListMembers(id));
  group.num_users = static_cast<int64_t>(group.users.size());
  if (!add && group.name == domain::kAdminGroupName && group.users.empty()) {
    return common::FailedPrecondition("the Admin group must keep at least one member");
  }
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return group;
}

common::Result<domain::Group> GroupService::AddMembers(const RequestContext& ctx, int64_t id,
                                                       const std::vector<std::string>& user_ids) {
  return ChangeMembers(ctx, id, user_ids, true);
}

common::Result<domain::Group> GroupService::RemoveMembers(
    const RequestContext& ctx, int64_t id, const std::vector<std::string>& user_ids) {
  return ChangeMembers(ctx, id, user_ids, false);
}

}  // namespace taiga::app
