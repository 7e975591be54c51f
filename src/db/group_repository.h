// Groups and memberships, inside one Transaction. Not thread-safe (belongs to its transaction).
// All calls return Unavailable when the database fails.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/group.h"

namespace taiga::db {

class GroupRepository {
 public:
  virtual ~GroupRepository() = default;

  // Creates a group and returns its id. Errors: AlreadyExists when the name is taken.
  virtual common::Result<int64_t> Insert(const std::string& name) = 0;
  // The group with num_users filled in (users left empty).
  virtual common::Result<std::optional<domain::Group>> FindById(int64_t id) = 0;
  virtual common::Result<std::optional<domain::Group>> FindByName(const std::string& name) = 0;
  // Groups the user belongs to, with num_users, ordered by id.
  virtual common::Result<std::vector<domain::Group>> ListForUser(const std::string& user_id) = 0;
  // Members as {id, name}, ordered by name.
  virtual common::Result<std::vector<domain::NamedId>> ListMembers(int64_t group_id) = 0;
  // Adds a member; adding an existing member is a no-op.
  virtual common::Status AddMember(int64_t group_id, const std::string& user_id) = 0;
  // Removes a member; removing a non-member is a no-op.
  virtual common::Status RemoveMember(int64_t group_id, const std::string& user_id) = 0;
  virtual common::Result<bool> IsMember(int64_t group_id, const std::string& user_id) = 0;
  // True when the user is a member of the group named domain::kAdminGroupName.
  virtual common::Result<bool> IsAdmin(const std::string& user_id) = 0;
};

}  // namespace taiga::db
