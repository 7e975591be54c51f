// GroupService: the groups a user is in, a group's members, adding and removing members,
// creating groups. Members and Admins may see and change a group; nobody but Admins sees Admin.
// Each call is one transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/group.h"

namespace taiga::app {

class GroupService {
 public:
  explicit GroupService(db::Database& db) : db_(db) {}

  // The caller's groups (without member lists). Errors: Unauthenticated, Unavailable.
  common::Result<std::vector<domain::Group>> ListJoined(const RequestContext& ctx);
  // A group with its members. Errors: NotFound, PermissionDenied (not a member nor Admin).
  common::Result<domain::Group> Get(const RequestContext& ctx, int64_t id);
  // Creates a group with the caller as its first member. Errors: InvalidArgument,
  // AlreadyExists (name taken).
  common::Result<domain::Group> Create(const RequestContext& ctx, const std::string& name);
  // Adds (or removes) every listed user, all or nothing, and returns the group after.
  // Errors: NotFound (group, or a user id, naming it), PermissionDenied, InvalidArgument
  // (empty list), FailedPrecondition (removing Admin's last member).
  common::Result<domain::Group> AddMembers(const RequestContext& ctx, int64_t id,
                                           const std::vector<std::string>& user_ids);
  common::Result<domain::Group> RemoveMembers(const RequestContext& ctx, int64_t id,
                                              const std::vector<std::string>& user_ids);

 private:
  common::Result<domain::Group> LoadVisible(db::Transaction& tx, const RequestContext& ctx,
                                            int64_t id);
  common::Result<domain::Group> ChangeMembers(const RequestContext& ctx, int64_t id,
                                              const std::vector<std::string>& user_ids, bool add);

  db::Database& db_;
};

}  // namespace taiga::app
