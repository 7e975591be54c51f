#include "db/sql/sql_entry_repository.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using OptString = std::optional<std::string>;

constexpr char kInsertEntry[] =
    "INSERT INTO entries (id, type, name, description, creator_id, creation_date) "
    "VALUES (:id, 'folder', :name, :description, :creator_id, :creation_date)";
constexpr char kInsertFolder[] = "INSERT INTO folders (id, folder_type) VALUES (:id, :type)";
#define TAIGA_ENTRY_COLUMNS "e.id, e.type, e.name, e.description, e.creation_date, u.id, u.name"
constexpr char kFindEntry[] = "SELECT " TAIGA_ENTRY_COLUMNS
                              " FROM entries e LEFT JOIN users u ON u.id = e.creator_id "
                              "WHERE e.id = :id";
constexpr char kFindFolder[] = "SELECT " TAIGA_ENTRY_COLUMNS
                               ", f.folder_type FROM entries e JOIN folders f ON f.id = e.id "
                               "LEFT JOIN users u ON u.id = e.creator_id WHERE e.id = :id";
constexpr char kListChildren[] =
    "SELECT " TAIGA_ENTRY_COLUMNS
    " FROM folder_entries fe JOIN entries e ON e.id = fe.entry_id "
    "LEFT JOIN users u ON u.id = e.creator_id WHERE fe.folder_id = :folder_id "
    "ORDER BY CASE WHEN e.type = 'folder' THEN 0 ELSE 1 END, e.name, e.id";
#undef TAIGA_ENTRY_COLUMNS
constexpr char kListParents[] =
    "SELECT e.id, e.name, e.creator_id FROM folder_entries fe JOIN entries e ON e.id = "
    "fe.folder_id "
    "WHERE fe.entry_id = :entry_id ORDER BY e.name, e.id";
// UNION (not UNION ALL) drops rows already seen, so a cycle of folders ends the recursion.
constexpr char kIsWithin[] =
    "WITH RECURSIVE up(id) AS (SELECT CAST(:entry_id AS TEXT) "
    "UNION SELECT fe.folder_id FROM folder_entries fe JOIN up ON fe.entry_id = up.id) "
    "SELECT 1 FROM up WHERE id = :folder_id LIMIT 1";
constexpr char kAddToFolder[] =
    "INSERT INTO folder_entries (folder_id, entry_id, added_at) "
    "VALUES (:folder_id, :entry_id, :added_at) ON CONFLICT DO NOTHING";
constexpr char kRemoveFromFolder[] =
    "DELETE FROM folder_entries WHERE folder_id = :folder_id AND entry_id = :entry_id";
constexpr char kSetName[] = "UPDATE entries SET name = :name WHERE id = :id";
constexpr char kSetDescription[] = "UPDATE entries SET description = :description WHERE id = :id";
constexpr char kHasEditorGrant[] =
    "SELECT 1 FROM rights_grants g WHERE g.entry_id = :entry_id AND g.role = 'editor' "
    "AND (g.user_id = :user_id OR g.group_id IN "
    "(SELECT m.group_id FROM group_members m WHERE m.user_id = :member_id)) LIMIT 1";
constexpr char kInsertGrant[] =
    "INSERT INTO rights_grants (id, entry_id, user_id, group_id, role, created_at) "
    "VALUES (:id, :entry_id, :user_id, :group_id, :role, :created_at)";
constexpr char kListGrants[] =
    "SELECT g.id, g.user_id, u.name, g.group_id, ug.name, g.role, g.created_at "
    "FROM rights_grants g LEFT JOIN users u ON u.id = g.user_id "
    "LEFT JOIN user_groups ug ON ug.id = g.group_id WHERE g.entry_id = :entry_id "
    "ORDER BY g.created_at, g.id";
constexpr char kDeleteGrant[] = "DELETE FROM rights_grants WHERE entry_id = :entry_id AND id = :id";
// Followed by ":p0, :p1, ...)": the ids are bound one by one, in chunks of kInClauseChunk.
constexpr char kFilterAccessedPrefix[] =
    "SELECT entry_id FROM access_logs WHERE user_id = :user_id AND entry_id IN (";
constexpr size_t kInClauseChunk = 100;

using EntryColumns =
    Columns<std::string, std::string, std::string, OptString, int64_t, OptString, OptString>;
using EntryStatement = PreparedStatement<Params<std::string>, EntryColumns>;
using FolderStatement =
    PreparedStatement<Params<std::string>, Columns<std::string, std::string, std::string, OptString,
                                                   int64_t, OptString, OptString, std::string>>;
using UpdateStatement = PreparedStatement<Params<std::string, std::string>, Columns<>>;

template <typename Row>
domain::Entry ToEntry(Row&& row) {
  auto& id = std::get<0>(row);
  const std::optional<domain::EntryType> type = domain::ParseEntryType(std::get<1>(row));
  if (!type) throw std::runtime_error("entry " + id + " has unknown type " + std::get<1>(row));
  domain::Entry entry{
      std::move(id),    *type,       std::move(std::get<2>(row)), std::move(std::get<3>(row)),
      std::get<4>(row), std::nullopt};
  if (std::get<5>(row)) {
    entry.creator = domain::NamedId{std::move(*std::get<5>(row)), std::get<6>(row).value_or("")};
  }
  return entry;
}

Status UpdateOne(SqlTxContext& context, const char* sql, const char* what, const std::string& value,
                 const std::string& entry_id) {
  return context.Run(what, [&](SqlConnection& c) {
    if (c.Statement<UpdateStatement>(sql).Bind(value, entry_id).Exec() == 0) {
      return common::NotFound("entry " + entry_id + " does not exist");
    }
    return Status::Ok();
  });
}

// Ids of `chunk` the user has an access-log row for; one query, not prepared for reuse.
std::unordered_set<std::string> AccessedIn(SqlConnection& c, const std::string& user_id,
                                           std::vector<std::string> chunk) {
  std::string sql = kFilterAccessedPrefix;
  for (size_t i = 0; i < chunk.size(); ++i) sql += (i ? ", :p" : ":p") + std::to_string(i);
  sql += ")";
  std::string user = user_id;
  std::string found;
  soci::statement st(c.session());
  st.alloc();
  st.exchange(soci::use(user));
  for (std::string& id : chunk) st.exchange(soci::use(id));
  st.exchange(soci::into(found));
  st.prepare(sql, soci::details::st_one_time_query);
  st.define_and_bind();
  std::unordered_set<std::string> accessed;
  for (bool got = st.execute(true); got; got = st.fetch()) accessed.insert(found);
  return accessed;
}

}  // namespace

Status SqlEntryRepository::InsertFolder(const domain::Folder& folder) {
  return context_.Run("insert folder", [&](SqlConnection& c) {
    const domain::Entry& e = folder.entry;
    OptString creator_id = e.creator ? OptString(e.creator->id) : std::nullopt;
    c.Statement<PreparedStatement<Params<std::string, std::string, OptString, OptString, int64_t>,
                                  Columns<>>>(kInsertEntry)
        .Bind(e.id, e.name, e.description, creator_id, e.creation_date)
        .Exec();
    c.Statement<PreparedStatement<Params<std::string, std::string>, Columns<>>>(kInsertFolder)
        .Bind(e.id, std::string(domain::FolderTypeName(folder.folder_type)))
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::Entry>> SqlEntryRepository::FindEntry(const std::string& id) {
  return context_.Run("find entry", [&](SqlConnection& c) -> Result<std::optional<domain::Entry>> {
    auto row = c.Statement<EntryStatement>(kFindEntry).Bind(id).First();
    if (!row) return std::optional<domain::Entry>();
    return std::optional<domain::Entry>(ToEntry(std::move(*row)));
  });
}

Result<std::optional<domain::Folder>> SqlEntryRepository::FindFolder(const std::string& id) {
  return context_.Run(
      "find folder", [&](SqlConnection& c) -> Result<std::optional<domain::Folder>> {
        auto row = c.Statement<FolderStatement>(kFindFolder).Bind(id).First();
        if (!row) return std::optional<domain::Folder>();
        const std::string folder_type = std::get<7>(*row);
        const std::optional<domain::FolderType> type = domain::ParseFolderType(folder_type);
        if (!type) return common::Internal("folder " + id + " has unknown type " + folder_type);
        return std::optional<domain::Folder>(domain::Folder{ToEntry(std::move(*row)), *type});
      });
}

Result<std::vector<domain::Entry>> SqlEntryRepository::ListChildren(const std::string& folder_id) {
  return context_.Run(
      "list folder entries", [&](SqlConnection& c) -> Result<std::vector<domain::Entry>> {
        std::vector<domain::Entry> entries;
        c.Statement<EntryStatement>(kListChildren)
            .Bind(folder_id)
            .ForEach(
                [&](EntryStatement::Row&& row) { entries.push_back(ToEntry(std::move(row))); });
        return entries;
      });
}

Result<std::vector<ParentFolder>> SqlEntryRepository::ListParents(const std::string& entry_id) {
  return context_.Run(
      "list parent folders", [&](SqlConnection& c) -> Result<std::vector<ParentFolder>> {
        using S =
            PreparedStatement<Params<std::string>, Columns<std::string, std::string, OptString>>;
        std::vector<ParentFolder> parents;
        c.Statement<S>(kListParents).Bind(entry_id).ForEach([&](S::Row&& row) {
          auto& [id, name, creator_id] = row;
          parents.push_back({std::move(id), std::move(name), std::move(creator_id)});
        });
        return parents;
      });
}

Result<bool> SqlEntryRepository::IsWithin(const std::string& entry_id,
                                          const std::string& folder_id) {
  return context_.Run("check folder ancestry", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<PreparedStatement<Params<std::string, std::string>, Columns<int>>>(kIsWithin)
        .Bind(entry_id, folder_id)
        .First()
        .has_value();
  });
}

Status SqlEntryRepository::AddToFolder(const std::string& folder_id, const std::string& entry_id) {
  return context_.Run("add entry to folder", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, int64_t>, Columns<>>>(
         kAddToFolder)
        .Bind(folder_id, entry_id, context_.clock().Now())
        .Exec();
    return Status::Ok();
  });
}

Result<bool> SqlEntryRepository::RemoveFromFolder(const std::string& folder_id,
                                                  const std::string& entry_id) {
  return context_.Run("remove entry from folder", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<PreparedStatement<Params<std::string, std::string>, Columns<>>>(
                kRemoveFromFolder)
               .Bind(folder_id, entry_id)
               .Exec() > 0;
  });
}

Status SqlEntryRepository::SetName(const std::string& entry_id, const std::string& name) {
  return UpdateOne(context_, kSetName, "rename entry", name, entry_id);
}

Status SqlEntryRepository::SetDescription(const std::string& entry_id,
                                          const std::string& description) {
  return UpdateOne(context_, kSetDescription, "set entry description", description, entry_id);
}

Result<bool> SqlEntryRepository::HasEditorGrant(const std::string& entry_id,
                                                const std::string& user_id) {
  return context_.Run("check editor grant", [&](SqlConnection& c) -> Result<bool> {
    return c
        .Statement<PreparedStatement<Params<std::string, std::string, std::string>, Columns<int>>>(
            kHasEditorGrant)
        .Bind(entry_id, user_id, user_id)
        .First()
        .has_value();
  });
}

Status SqlEntryRepository::InsertGrant(const domain::RightsGrant& g) {
  return context_.Run("insert grant", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, OptString,
                                         std::optional<int64_t>, std::string, int64_t>,
                                  Columns<>>>(kInsertGrant)
        .Bind(g.id, g.entry_id, g.user_id, g.group_id, g.role, g.created_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::vector<domain::RightsGrant>> SqlEntryRepository::ListGrants(
    const std::string& entry_id) {
  return context_.Run(
      "list grants", [&](SqlConnection& c) -> Result<std::vector<domain::RightsGrant>> {
        using S = PreparedStatement<Params<std::string>,
                                    Columns<std::string, OptString, OptString,
                                            std::optional<int64_t>, OptString, std::string,
                                            int64_t>>;
        std::vector<domain::RightsGrant> grants;
        c.Statement<S>(kListGrants).Bind(entry_id).ForEach([&](S::Row&& row) {
          auto& [id, user_id, user_name, group_id, group_name, role, created_at] = row;
          grants.push_back({std::move(id), entry_id, std::move(user_id), std::move(user_name),
                            group_id, std::move(group_name), std::move(role), created_at});
        });
        return grants;
      });
}

Result<bool> SqlEntryRepository::DeleteGrant(const std::string& entry_id,
                                             const std::string& grant_id) {
  return context_.Run("delete grant", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<PreparedStatement<Params<std::string, std::string>, Columns<>>>(
                kDeleteGrant)
               .Bind(entry_id, grant_id)
               .Exec() > 0;
  });
}

Result<std::vector<std::string>> SqlEntryRepository::FilterAccessed(
    const std::string& user_id, const std::vector<std::string>& folder_ids) {
  return context_.Run(
      "filter accessed folders", [&](SqlConnection& c) -> Result<std::vector<std::string>> {
        std::unordered_set<std::string> accessed;
        for (size_t i = 0; i < folder_ids.size(); i += kInClauseChunk) {
          const size_t end = std::min(folder_ids.size(), i + kInClauseChunk);
          accessed.merge(
              AccessedIn(c, user_id, {folder_ids.begin() + i, folder_ids.begin() + end}));
        }
        std::vector<std::string> out;
        for (const std::string& id : folder_ids) {
          if (accessed.erase(id) > 0) out.push_back(id);
        }
        return out;
      });
}

}  // namespace taiga::db
