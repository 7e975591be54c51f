#include "app/dataset_loader.h"

#include "app/access_policy.h"
#include "app/parent_visibility.h"
#include "domain/permaname.h"

namespace taiga::app {

common::Result<domain::Dataset> DatasetLoader::FindDataset(const std::string& key) {
  TAIGA_ASSIGN_OR_RETURN(auto by_id, tx_.Datasets().FindDataset(key));
  if (by_id) return *by_id;
  TAIGA_ASSIGN_OR_RETURN(auto by_name, tx_.Datasets().FindDatasetByPermaname(key));
  if (by_name) return *by_name;
  return common::NotFound("no dataset with id or permaname '" + key + "'");
}

common::Result<domain::DatasetVersion> DatasetLoader::FindVersion(const std::string& id) {
  TAIGA_ASSIGN_OR_RETURN(auto v, tx_.Datasets().FindVersion(id));
  if (!v) return common::NotFound("no dataset version with id '" + id + "'");
  return *v;
}

common::Result<domain::DatasetVersion> DatasetLoader::VersionOf(const domain::Dataset& dataset,
                                                                std::optional<int64_t> number) {
  std::optional<domain::DatasetVersion> v;
  if (number) {
    TAIGA_ASSIGN_OR_RETURN(v, tx_.Datasets().FindVersionByNumber(dataset.entry.id, *number));
  } else {
    TAIGA_ASSIGN_OR_RETURN(v, tx_.Datasets().LatestVersion(dataset.entry.id));
  }
  if (!v) {
    return common::NotFound("dataset '" + dataset.CurrentPermaname() + "' has no version " +
                            (number ? std::to_string(*number) : std::string("at all")));
  }
  return *v;
}

common::Result<DatasetView> DatasetLoader::DatasetViewOf(
    const domain::Dataset& dataset, const domain::DatasetVersion* description_of) {
  DatasetView view;
  view.dataset = dataset;
  TAIGA_ASSIGN_OR_RETURN(view.versions, tx_.Datasets().ListVersions(dataset.entry.id));
  const domain::DatasetVersion* source = description_of;
  if (!source && !view.versions.empty()) source = &view.versions.back();
  if (source) view.description = source->entry.description.value_or("");
  TAIGA_ASSIGN_OR_RETURN(view.folders, VisibleParents(tx_, ctx_, dataset.entry.id));
  TAIGA_ASSIGN_OR_RETURN(view.can_edit, AccessPolicy::CanEdit(tx_, ctx_, dataset.entry));
  return view;
}

common::Result<DatafileView> DatasetLoader::DatafileViewOf(const domain::Datafile& file) {
  DatafileView view;
  view.file = file;
  if (file.kind != domain::DatafileKind::kVirtual || !file.underlying_datafile_id) return view;
  TAIGA_ASSIGN_OR_RETURN(auto real, tx_.Datafiles().Find(*file.underlying_datafile_id));
  if (!real) return common::Internal("virtual file " + file.id + " points at nothing");
  TAIGA_ASSIGN_OR_RETURN(auto real_version, FindVersion(real->dataset_version_id));
  TAIGA_ASSIGN_OR_RETURN(auto real_dataset, FindDataset(real_version.dataset_id));
  view.underlying_taiga_id = domain::FormatTaigaId(real_dataset.CurrentPermaname(),
                                                   real_version.version, real->name);
  view.real = std::move(*real);
  return view;
}

common::Result<VersionView> DatasetLoader::VersionViewOf(const domain::DatasetVersion& version) {
  VersionView view;
  view.version = version;
  TAIGA_ASSIGN_OR_RETURN(auto files, tx_.Datafiles().ListForVersion(version.entry.id));
  for (const auto& f : files) {
    TAIGA_ASSIGN_OR_RETURN(auto fv, DatafileViewOf(f));
    view.datafiles.push_back(std::move(fv));
  }
  // Whoever may change the dataset may change its versions; so may a version's own creator.
  TAIGA_ASSIGN_OR_RETURN(auto dataset, FindDataset(version.dataset_id));
  TAIGA_ASSIGN_OR_RETURN(view.can_edit, AccessPolicy::CanEdit(tx_, ctx_, dataset.entry));
  if (version.entry.creator && version.entry.creator->id == ctx_.actor->user_id) {
    view.can_edit = true;
  }
  return view;
}

}  // namespace taiga::app
