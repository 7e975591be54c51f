#include "app/version_creation_service.h"

#include <set>

#include "app/access_policy.h"
#include "app/dataset_loader.h"
#include "app/dataset_update_service.h"
#include "app/session_files.h"
#include "common/random.h"
#include "domain/names.h"

namespace taiga::app {
namespace {

domain::DatasetVersion MakeVersion(const RequestContext& ctx, const std::string& dataset_id,
                                   int64_t number, const std::optional<std::string>& description,
                                   const std::optional<std::string>& changes,
                                   common::Timestamp now) {
  domain::DatasetVersion v;
  v.entry.id = common::NewId32();
  v.entry.type = domain::EntryType::kDatasetVersion;
  v.entry.name = std::to_string(number);
  v.entry.description = description;
  v.entry.creation_date = now;
  v.entry.creator = domain::NamedId{ctx.actor->user_id, ctx.actor->name};
  v.dataset_id = dataset_id;
  v.version = number;
  v.changes_description = changes;
  return v;
}

common::Status ValidateTexts(const std::optional<std::string>& description,
                             const std::optional<std::string>& changes) {
  if (description) TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("description", *description));
  if (changes) TAIGA_RETURN_IF_ERROR(domain::ValidateDescription("changesDescription", *changes));
  return common::Status::Ok();
}

// Inserts the session's files (and carried-over ones) into the version; returns the rows.
common::Result<std::vector<domain::Datafile>> InsertFiles(
    db::Transaction& tx, const std::vector<domain::UploadSessionFile>& files,
    const std::vector<domain::Datafile>& carried, const std::string& version_id,
    common::Timestamp now) {
  std::vector<domain::Datafile> rows;
  for (const auto& f : files) rows.push_back(DatafileFromSessionFile(f, version_id, now));
  for (const auto& c : carried) rows.push_back(c);
  for (const auto& row : rows) TAIGA_RETURN_IF_ERROR(tx.Datafiles().Insert(row));
  return rows;
}

}  // namespace

common::Result<std::string> VersionCreationService::CreateDataset(const RequestContext& ctx,
                                                                  const NewDataset& request) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("datasetName", request.name));
  TAIGA_RETURN_IF_ERROR(ValidateTexts(request.description, std::nullopt));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto files, ReadySessionFiles(*tx, ctx, request.session_id));
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.filename);
  TAIGA_RETURN_IF_ERROR(CheckFileNames(names));
  TAIGA_ASSIGN_OR_RETURN(auto folder, tx->Entries().FindFolder(request.folder_id));
  if (!folder) {
    return common::NotFound("currentFolderId: no folder with id '" + request.folder_id + "'");
  }
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, folder->entry));

  const auto now = clock_.Now();
  domain::Dataset dataset;
  dataset.entry.id = common::NewId32();
  dataset.entry.type = domain::EntryType::kDataset;
  dataset.entry.name = request.name;
  dataset.entry.creation_date = now;
  dataset.entry.creator = domain::NamedId{ctx.actor->user_id, ctx.actor->name};
  TAIGA_ASSIGN_OR_RETURN(auto permaname, NewPermaname(*tx, request.name));
  dataset.permanames = {permaname};
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertDataset(dataset, now));
  auto version = MakeVersion(ctx, dataset.entry.id, 1, request.description, std::nullopt, now);
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertVersion(version));
  TAIGA_ASSIGN_OR_RETURN(auto rows, InsertFiles(*tx, files, {}, version.entry.id, now));
  TAIGA_RETURN_IF_ERROR(tx->Entries().AddToFolder(folder->entry.id, dataset.entry.id));
  domain::Activity activity;
  activity.id = common::NewId32();
  activity.dataset_id = dataset.entry.id;
  activity.user_id = ctx.actor->user_id;
  activity.type = "created";
  activity.timestamp = now;
  activity.dataset_name = request.name;
  activity.dataset_description = request.description;
  activity.dataset_version = 1;
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertActivity(activity));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().MarkSessionUsed(request.session_id, now));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return dataset.entry.id;
}

common::Result<std::string> VersionCreationService::CreateVersion(const RequestContext& ctx,
                                                                  const NewVersion& request) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(ValidateTexts(request.description, request.changes_description));
  std::string dataset_id;
  {
    TAIGA_ASSIGN_OR_RETURN(auto rtx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto found, DatasetLoader(*rtx, ctx).FindDataset(request.dataset_id));
    dataset_id = found.entry.id;
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kLockingWrite));
  TAIGA_RETURN_IF_ERROR(tx->Datasets().LockDataset(dataset_id));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto dataset, load.FindDataset(dataset_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, dataset.entry));
  TAIGA_ASSIGN_OR_RETURN(auto files, ReadySessionFiles(*tx, ctx, request.session_id));
  TAIGA_ASSIGN_OR_RETURN(auto latest, load.VersionOf(dataset, std::nullopt));
  TAIGA_ASSIGN_OR_RETURN(auto latest_files, tx->Datafiles().ListForVersion(latest.entry.id));

  const auto now = clock_.Now();
  const int64_t number = latest.version + 1;
  auto version = MakeVersion(ctx, dataset.entry.id, number, request.description,
                             request.changes_description, now);
  // Files of the base version that the session does not replace come along as aliases.
  std::vector<domain::Datafile> carried;
  if (request.add_existing_files) {
    domain::DatasetVersion base = latest;
    if (request.base_version_number) {
      TAIGA_ASSIGN_OR_RETURN(base, load.VersionOf(dataset, request.base_version_number));
    } else if (request.base_version_id) {
      TAIGA_ASSIGN_OR_RETURN(base, load.FindVersion(*request.base_version_id));
      if (base.dataset_id != dataset.entry.id) {
        return common::InvalidArgument("datasetVersion: version '" + *request.base_version_id +
                                       "' belongs to another dataset");
      }
    }
    TAIGA_ASSIGN_OR_RETURN(auto base_files, tx->Datafiles().ListForVersion(base.entry.id));
    std::set<std::string> replaced;
    for (const auto& f : files) replaced.insert(f.filename);
    for (const auto& old : base_files) {
      if (replaced.count(old.name)) continue;
      domain::Datafile alias;
      alias.id = common::NewId32();
      alias.dataset_version_id = version.entry.id;
      alias.name = old.name;
      alias.kind = domain::DatafileKind::kVirtual;
      alias.underlying_datafile_id = old.underlying_datafile_id ? old.underlying_datafile_id
                                                                : std::optional<std::string>(old.id);
      alias.custom_metadata = old.custom_metadata;
      alias.created_at = now;
      carried.push_back(std::move(alias));
    }
  }
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.filename);
  for (const auto& c : carried) names.push_back(c.name);
  TAIGA_RETURN_IF_ERROR(CheckFileNames(names));
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertVersion(version));
  TAIGA_ASSIGN_OR_RETURN(auto rows, InsertFiles(*tx, files, carried, version.entry.id, now));

  domain::Activity activity;
  activity.id = common::NewId32();
  activity.dataset_id = dataset.entry.id;
  activity.user_id = ctx.actor->user_id;
  activity.type = "added_version";
  activity.timestamp = now;
  activity.dataset_version = number;
  activity.comments = DescribeFileChanges(latest_files, rows);
  if (request.description != latest.entry.description) {
    activity.dataset_description = request.description;
  }
  activity.changes_description = request.changes_description;
  TAIGA_RETURN_IF_ERROR(tx->Datasets().InsertActivity(activity));
  TAIGA_RETURN_IF_ERROR(tx->Uploads().MarkSessionUsed(request.session_id, now));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return version.entry.id;
}

}  // namespace taiga::app
