#include "app/bootstrap_service.h"

#include "domain/folder.h"
#include "domain/group.h"

namespace taiga::app {

common::Result<std::optional<std::string>> BootstrapService::EnsureBootstrapped(
    const BootstrapOptions& options) {
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    TAIGA_ASSIGN_OR_RETURN(auto public_folder, tx->Entries().FindFolder(domain::kPublicFolderId));
    if (!public_folder) {
      domain::Folder folder;
      folder.entry.id = domain::kPublicFolderId;
      folder.entry.type = domain::EntryType::kFolder;
      folder.entry.name = domain::kPublicFolderName;
      folder.entry.description = domain::kPublicFolderDescription;
      folder.entry.creation_date = clock_.Now();
      folder.folder_type = domain::FolderType::kFolder;
      TAIGA_RETURN_IF_ERROR(tx->Entries().InsertFolder(folder));
    }
    TAIGA_ASSIGN_OR_RETURN(auto admin_group, tx->Groups().FindByName(domain::kAdminGroupName));
    if (!admin_group) {
      TAIGA_ASSIGN_OR_RETURN(int64_t id, tx->Groups().Insert(domain::kAdminGroupName));
      (void)id;
    }
    TAIGA_RETURN_IF_ERROR(tx->Commit());
  }
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto admin, tx->Users().FindByName(options.admin_name));
    if (admin) return std::optional<std::string>();
  }
  auto issued = users_.CreateUser(NewUser{options.admin_name, options.admin_email, true});
  if (!issued.ok()) {
    // Another server created the admin between our check and our insert.
    if (issued.status().code() == common::StatusCode::kAlreadyExists) {
      return std::optional<std::string>();
    }
    return issued.status();
  }
  return std::optional<std::string>(issued->secret);
}

}  // namespace taiga::app
