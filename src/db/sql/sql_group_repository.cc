#include "db/sql/sql_group_repository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "domain/group.h"

namespace taiga::db {
namespace {

using common::Result;
using common::Status;

constexpr char kInsertGroup[] = "INSERT INTO user_groups (name) VALUES (:name) RETURNING id";
#define TAIGA_GROUP_COLUMNS \
  "g.id, g.name, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id)"
constexpr char kFindGroupById[] =
    "SELECT " TAIGA_GROUP_COLUMNS " FROM user_groups g WHERE g.id = :id";
constexpr char kFindGroupByName[] =
    "SELECT " TAIGA_GROUP_COLUMNS " FROM user_groups g WHERE g.name = :name";
constexpr char kListGroupsForUser[] =
    "SELECT " TAIGA_GROUP_COLUMNS
    " FROM user_groups g "
    "JOIN group_members gm ON gm.group_id = g.id WHERE gm.user_id = :user_id ORDER BY g.id";
#undef TAIGA_GROUP_COLUMNS
constexpr char kListMembers[] =
    "SELECT u.id, u.name FROM group_members m JOIN users u ON u.id = m.user_id "
    "WHERE m.group_id = :group_id ORDER BY u.name, u.id";
constexpr char kAddMember[] =
    "INSERT INTO group_members (group_id, user_id) VALUES (:group_id, :user_id) "
    "ON CONFLICT DO NOTHING";
constexpr char kRemoveMember[] =
    "DELETE FROM group_members WHERE group_id = :group_id AND user_id = :user_id";
constexpr char kIsMember[] =
    "SELECT 1 FROM group_members WHERE group_id = :group_id AND user_id = :user_id";
constexpr char kIsAdmin[] =
    "SELECT 1 FROM group_members m JOIN user_groups g ON g.id = m.group_id "
    "WHERE m.user_id = :user_id AND g.name = :admin_name";

template <typename Key>
using GroupStatement = PreparedStatement<Params<Key>, Columns<int64_t, std::string, int64_t>>;
using MemberKey = Params<int64_t, std::string>;

template <typename Key>
domain::Group ToGroup(typename GroupStatement<Key>::Row&& row) {
  return domain::Group{std::get<0>(row), std::move(std::get<1>(row)), std::get<2>(row), {}};
}

template <typename Key>
Result<std::optional<domain::Group>> FindOne(SqlTxContext& context, const char* sql, const Key& key,
                                             const char* what) {
  return context.Run(what, [&](SqlConnection& c) -> Result<std::optional<domain::Group>> {
    auto row = c.Statement<GroupStatement<Key>>(sql).Bind(key).First();
    if (!row) return std::optional<domain::Group>();
    return std::optional<domain::Group>(ToGroup<Key>(std::move(*row)));
  });
}

}  // namespace

Result<int64_t> SqlGroupRepository::Insert(const std::string& name) {
  return context_.Run("insert group", [&](SqlConnection& c) -> Result<int64_t> {
    auto row = c.Statement<PreparedStatement<Params<std::string>, Columns<int64_t>>>(kInsertGroup)
                   .Bind(name)
                   .First();
    if (!row) return common::Internal("insert group: RETURNING gave no id");
    return std::get<0>(*row);
  });
}

Result<std::optional<domain::Group>> SqlGroupRepository::FindById(int64_t id) {
  return FindOne<int64_t>(context_, kFindGroupById, id, "find group by id");
}

Result<std::optional<domain::Group>> SqlGroupRepository::FindByName(const std::string& name) {
  return FindOne<std::string>(context_, kFindGroupByName, name, "find group by name");
}

Result<std::vector<domain::Group>> SqlGroupRepository::ListForUser(const std::string& user_id) {
  return context_.Run("list groups of user",
                      [&](SqlConnection& c) -> Result<std::vector<domain::Group>> {
                        using S = GroupStatement<std::string>;
                        std::vector<domain::Group> groups;
                        c.Statement<S>(kListGroupsForUser).Bind(user_id).ForEach([&](S::Row&& r) {
                          groups.push_back(ToGroup<std::string>(std::move(r)));
                        });
                        return groups;
                      });
}

Result<std::vector<domain::NamedId>> SqlGroupRepository::ListMembers(int64_t group_id) {
  return context_.Run(
      "list group members", [&](SqlConnection& c) -> Result<std::vector<domain::NamedId>> {
        using S = PreparedStatement<Params<int64_t>, Columns<std::string, std::string>>;
        std::vector<domain::NamedId> members;
        c.Statement<S>(kListMembers).Bind(group_id).ForEach([&](S::Row&& r) {
          members.push_back({std::move(std::get<0>(r)), std::move(std::get<1>(r))});
        });
        return members;
      });
}

Status SqlGroupRepository::AddMember(int64_t group_id, const std::string& user_id) {
  return context_.Run("add group member", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<MemberKey, Columns<>>>(kAddMember).Bind(group_id, user_id).Exec();
    return Status::Ok();
  });
}

Status SqlGroupRepository::RemoveMember(int64_t group_id, const std::string& user_id) {
  return context_.Run("remove group member", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<MemberKey, Columns<>>>(kRemoveMember)
        .Bind(group_id, user_id)
        .Exec();
    return Status::Ok();
  });
}

Result<bool> SqlGroupRepository::IsMember(int64_t group_id, const std::string& user_id) {
  return context_.Run("check group membership", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<PreparedStatement<MemberKey, Columns<int>>>(kIsMember)
        .Bind(group_id, user_id)
        .First()
        .has_value();
  });
}

Result<bool> SqlGroupRepository::IsAdmin(const std::string& user_id) {
  return context_.Run("check admin membership", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<PreparedStatement<Params<std::string, std::string>, Columns<int>>>(kIsAdmin)
        .Bind(user_id, domain::kAdminGroupName)
        .First()
        .has_value();
  });
}

}  // namespace taiga::db
