#include "app/dataset_update_service.h"

#include "app/access_policy.h"
#include "app/dataset_loader.h"
#include "common/random.h"
#include "domain/names.h"
#include "domain/permaname.h"

namespace taiga::app {
namespace {

domain::Activity NewActivity(const RequestContext& ctx, const std::string& dataset_id,
                             const std::string& type, common::Timestamp now) {
  domain::Activity a;
  a.id = common::NewId32();
  a.dataset_id = dataset_id;
  a.user_id = ctx.actor->user_id;
  a.type = type;
  a.timestamp = now;
  return a;
}

// Loads the dataset of a version and checks the caller may change the version.
common::Result<domain::Dataset> RequireVersionEdit(db::Transaction& tx, const RequestContext& ctx,
                                                   const domain::DatasetVersion& v) {
  DatasetLoader load(tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(v.dataset_id));
  if (v.entry.creator && v.entry.creator->id == ctx.actor->user_id) return d;
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(tx, ctx, d.entry));
  return d;
}

}  // namespace

common::Result<std::string> NewPermaname(db::Transaction& tx, const std::string& name) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string p = domain::MakePermaname(name, common::RandomHex(2));
    TAIGA_ASSIGN_OR_RETURN(bool taken, tx.Datasets().PermanameExists(p));
    if (!taken) return p;
  }
  return common::Conflict("could not find a free permaname for '" + name + "'; try another name");
}

common::Status DatasetUpdateService::Rename(const RequestContext& ctx,
                                            const std::string& dataset_id,
                                            const std::string& name) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", name));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(dataset_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, d.entry));
  const auto now = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx->Entries().SetName(d.entry.id, name));
  TAIGA_ASSIGN_OR_RETURN(auto permaname, NewPermaname(*tx, name));
  TAIGA_RETURN_IF_ERROR(tx->Datasets().AddPermaname(d.entry.id, permaname, now));
  auto activity = NewActivity(ctx, d.entry.id, "changed_name", now);
  activity.dataset_name = name;
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertActivity(activity));
  return tx->Commit();
}

common::Status DatasetUpdateService::SetDescription(const RequestContext& ctx,
                                                    const std::string& dataset_id,
                                                    const std::string& description) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  std::string version_id;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    DatasetLoader load(*tx, ctx);
    TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(dataset_id));
    TAIGA_ASSIGN_OR_RETURN(auto v, load.VersionOf(d, std::nullopt));
    version_id = v.entry.id;
  }
  return SetVersionDescription(ctx, version_id, description);
}

common::Status DatasetUpdateService::SetVersionDescription(const RequestContext& ctx,
                                                           const std::string& version_id,
                                                           const std::string& description) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("description", description));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto v, load.FindVersion(version_id));
  TAIGA_ASSIGN_OR_RETURN(auto d, RequireVersionEdit(*tx, ctx, v));
  TAIGA_RETURN_IF_ERROR(tx->Entries().SetDescription(v.entry.id, description));
  auto activity = NewActivity(ctx, d.entry.id, "changed_description", clock_.Now());
  activity.dataset_description = description;
  activity.dataset_version = v.version;
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertActivity(activity));
  return tx->Commit();
}

common::Status DatasetUpdateService::SetVersionState(const RequestContext& ctx,
                                                     const std::string& version_id,
                                                     domain::VersionState state,
                                                     const std::optional<std::string>& reason) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (state == domain::VersionState::kDeprecated &&
      (!reason || reason->find_first_not_of(" \t\r\n") == std::string::npos)) {
    return common::InvalidArgument("'deprecationReason' must say why the version is deprecated");
  }
  if (reason) TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("reason", *reason));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto v, load.FindVersion(version_id));
  TAIGA_ASSIGN_OR_RETURN(auto d, RequireVersionEdit(*tx, ctx, v));
  // Approving clears the reason; deleting keeps the old one unless a new one is given.
  std::optional<std::string> new_reason = reason;
  if (state == domain::VersionState::kApproved) new_reason.reset();
  if (state == domain::VersionState::kDeleted && !reason) new_reason = v.reason_state;
  TAIGA_RETURN_IF_ERROR(tx->Datasets().SetVersionState(v.entry.id, state, new_reason));
  return tx->Commit();
}

common::Status DatasetUpdateService::DeletePermanently(const RequestContext& ctx,
                                                       const std::string& dataset_id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(dataset_id));
  const bool owner = d.entry.creator && d.entry.creator->id == ctx.actor->user_id;
  if (!owner && !ctx.actor->is_admin) {
    return common::PermissionDenied("only the dataset's creator or an Admin member may delete it");
  }
  TAIGA_ASSIGN_OR_RETURN(auto parents, tx->Entries().ListParents(d.entry.id));
  for (const auto& p : parents) {
    TAIGA_ASSIGN_OR_RETURN(auto folder, tx->Entries().FindFolder(p.id));
    if (!folder || folder->folder_type != domain::FolderType::kTrash) {
      return common::FailedPrecondition("move the dataset to the Trash first: it is still in '" +
                                        p.name + "'");
    }
  }
  TAIGA_ASSIGN_OR_RETURN(auto referencing, tx->Datafiles().DatasetsReferencing(d.entry.id));
  if (!referencing.empty()) {
    std::string names;
    for (const auto& id : referencing) {
      auto other = tx->Datasets().FindDataset(id);
      std::string label = other.ok() && *other ? (*other)->CurrentPermaname() : id;
      names += (names.empty() ? "" : ", ") + label;
    }
    return common::Conflict("other datasets use files of this one: " + names);
  }
  TAIGA_RETURN_IF_ERROR(tx->Datasets().DeleteDataset(d.entry.id));
  return tx->Commit();
}

}  // namespace taiga::app
