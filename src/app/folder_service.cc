#include "app/folder_service.h"

#include <algorithm>
#include <unordered_set>

#include "app/access_policy.h"
#include "app/parent_visibility.h"
#include "common/random.h"
#include "domain/names.h"

namespace taiga::app {
namespace {

common::Status RequireIdList(const std::vector<std::string>& ids) {
  if (ids.empty()) return common::InvalidArgument("'entryIds' must name at least one entry");
  if (ids.size() > 10000) return common::InvalidArgument("'entryIds' names over 10000 entries");
  return common::Status::Ok();
}

}  // namespace

common::Result<domain::Folder> FolderService::LoadFolder(db::Transaction& tx,
                                                         const std::string& field,
                                                         const std::string& id) {
  TAIGA_ASSIGN_OR_RETURN(auto folder, tx.Entries().FindFolder(id));
  if (!folder) return common::NotFound(field + ": no folder with id '" + id + "'");
  return *folder;
}

common::Result<domain::FolderView> FolderService::Get(const RequestContext& ctx,
                                                      const std::string& id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  domain::FolderView view;
  TAIGA_ASSIGN_OR_RETURN(view.folder, LoadFolder(*tx, "folder_id", id));
  TAIGA_ASSIGN_OR_RETURN(view.entries, tx->Entries().ListChildren(id));
  TAIGA_ASSIGN_OR_RETURN(view.parents, VisibleParents(*tx, ctx, id));
  TAIGA_ASSIGN_OR_RETURN(view.can_edit, AccessPolicy::CanEdit(*tx, ctx, view.folder.entry));
  view.can_view = true;
  return view;
}

common::Result<domain::Entry> FolderService::Create(const RequestContext& ctx,
                                                    const NewFolder& request) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", request.name));
  if (request.description) {
    TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("description", *request.description));
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto parent, LoadFolder(*tx, "parentId", request.parent_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, parent.entry));
  domain::Folder folder;
  folder.entry.id = common::NewId32();
  folder.entry.type = domain::EntryType::kFolder;
  folder.entry.name = request.name;
  folder.entry.description = request.description;
  folder.entry.creation_date = clock_.Now();
  folder.entry.creator = domain::NamedId{ctx.actor->user_id, ctx.actor->name};
  folder.folder_type = domain::FolderType::kFolder;
  TAIGA_RETURN_IF_ERROR(tx->Entries().InsertFolder(folder));
  TAIGA_RETURN_IF_ERROR(tx->Entries().AddToFolder(parent.entry.id, folder.entry.id));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return folder.entry;
}

common::Status FolderService::Rename(const RequestContext& ctx, const std::string& id,
                                     const std::string& name) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", name));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto folder, LoadFolder(*tx, "folderId", id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, folder.entry));
  TAIGA_RETURN_IF_ERROR(tx->Entries().SetName(id, name));
  return tx->Commit();
}

common::Status FolderService::SetDescription(const RequestContext& ctx, const std::string& id,
                                             const std::string& description) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("description", description));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto folder, LoadFolder(*tx, "folderId", id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, folder.entry));
  TAIGA_RETURN_IF_ERROR(tx->Entries().SetDescription(id, description));
  return tx->Commit();
}

common::Result<std::vector<domain::Entry>> FolderService::LoadMovable(
    db::Transaction& tx, const std::vector<std::string>& ids, const domain::Folder& target) {
  TAIGA_RETURN_IF_ERROR(RequireIdList(ids));
  std::vector<domain::Entry> entries;
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "entryIds[" + std::to_string(i) + "]";
    if (!seen.insert(ids[i]).second) continue;
    TAIGA_ASSIGN_OR_RETURN(auto entry, tx.Entries().FindEntry(ids[i]));
    if (!entry) return common::NotFound(field + ": no entry with id '" + ids[i] + "'");
    if (entry->type == domain::EntryType::kFolder) {
      TAIGA_ASSIGN_OR_RETURN(auto folder, tx.Entries().FindFolder(entry->id));
      if (folder && (folder->folder_type != domain::FolderType::kFolder ||
                     folder->entry.id == domain::kPublicFolderId)) {
        return common::InvalidArgument(field + ": '" + entry->name +
                                       "' is a Home, Trash or Public folder and cannot be placed "
                                       "in another folder");
      }
      TAIGA_ASSIGN_OR_RETURN(bool cycle, tx.Entries().IsWithin(target.entry.id, entry->id));
      if (cycle) {
        return common::InvalidArgument(field + ": folder '" + entry->name +
                                       "' cannot be placed inside itself or its own subfolder");
      }
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

common::Status FolderService::Move(const RequestContext& ctx, const MoveRequest& request) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto current, LoadFolder(*tx, "currentFolderId", request.current_folder_id));
  std::string target_id;
  if (request.target_folder_id && !request.target_folder_id->empty()) {
    target_id = *request.target_folder_id;
  } else {
    TAIGA_ASSIGN_OR_RETURN(auto me, tx->Users().FindById(ctx.actor->user_id));
    if (!me) return common::Unauthenticated("your user no longer exists");
    target_id = me->trash_folder_id;
  }
  TAIGA_ASSIGN_OR_RETURN(auto target, LoadFolder(*tx, "targetFolderId", target_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, current.entry));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, target.entry));
  TAIGA_ASSIGN_OR_RETURN(auto entries, LoadMovable(*tx, request.entry_ids, target));
  for (const auto& entry : entries) {
    TAIGA_ASSIGN_OR_RETURN(bool was_there,
                           tx->Entries().RemoveFromFolder(current.entry.id, entry.id));
    if (!was_there) {
      return common::InvalidArgument("entryIds: '" + entry.name + "' (" + entry.id +
                                     ") is not in folder '" + current.entry.name + "'");
    }
    TAIGA_RETURN_IF_ERROR(tx->Entries().AddToFolder(target.entry.id, entry.id));
  }
  return tx->Commit();
}

common::Status FolderService::Copy(const RequestContext& ctx,
                                   const std::vector<std::string>& entry_ids,
                                   const std::string& folder_id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto target, LoadFolder(*tx, "folderId", folder_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, target.entry));
  TAIGA_ASSIGN_OR_RETURN(auto entries, LoadMovable(*tx, entry_ids, target));
  for (const auto& entry : entries) {
    TAIGA_RETURN_IF_ERROR(tx->Entries().AddToFolder(target.entry.id, entry.id));
  }
  return tx->Commit();
}

}  // namespace taiga::app
