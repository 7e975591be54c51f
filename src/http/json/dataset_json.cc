#include "http/json/dataset_json.h"

#include "common/clock.h"
#include "domain/download_formats.h"
#include "http/json/user_json.h"

namespace taiga::http {
namespace {

using nlohmann::json;

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ParsedOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto j = json::parse(*text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

json Creator(const domain::Entry& e) { return e.creator ? NamedIdJson(*e.creator) : json(nullptr); }

json VersionLightJson(const domain::DatasetVersion& v) {
  return {{"id", v.entry.id},
          {"name", v.entry.name},
          {"dataset_id", v.dataset_id},
          {"creation_date", common::FormatIsoTimestamp(v.entry.creation_date)},
          {"creator", Creator(v.entry)},
          {"description", OrNull(v.entry.description)},
          {"version", v.version},
          {"reason_state", OrNull(v.reason_state)},
          {"state", std::string(domain::VersionStateName(v.state))}};
}

json VersionSummaries(const std::vector<domain::DatasetVersion>& versions) {
  json out = json::array();
  for (const auto& v : versions) {
    out.push_back({{"id", v.entry.id},
                   {"name", v.entry.name},
                   {"state", std::string(domain::VersionStateName(v.state))}});
  }
  return out;
}

}  // namespace

json DatasetJson(const app::DatasetView& view) {
  json folders = json::array();
  for (const auto& f : view.folders) folders.push_back(NamedIdJson(f));
  return {{"id", view.dataset.entry.id},
          {"name", view.dataset.entry.name},
          {"permanames", json::array({view.dataset.CurrentPermaname()})},
          {"description", view.description},
          {"versions", VersionSummaries(view.versions)},
          {"folders", std::move(folders)},
          {"can_edit", view.can_edit},
          {"can_view", view.can_view},
          {"subscription_id", OrNull(view.subscription_id)}};
}

json DatasetFullJson(const app::DatasetView& view) {
  json versions = json::array();
  for (const auto& v : view.versions) versions.push_back(VersionLightJson(v));
  return {{"id", view.dataset.entry.id},
          {"name", view.dataset.entry.name},
          {"description", view.dataset.entry.description.value_or("")},
          {"permaname", view.dataset.CurrentPermaname()},
          {"permanames", view.dataset.permanames},
          {"versions", std::move(versions)}};
}

json DatafileJson(const app::DatafileView& view) {
  const domain::Datafile& f = view.file;
  const domain::Datafile& real = view.Resolved();
  json j = {{"datafile_type", std::string(domain::DatafileKindName(f.kind))},
            {"id", f.id},
            {"name", f.name},
            {"custom_metadata", ParsedOrNull(f.custom_metadata)},
            {"figshare_linked", false},
            {"allowed_conversion_type", domain::AllowedConversions(real)}};
  if (f.kind == domain::DatafileKind::kGcs) {
    j["gcs_path"] = OrNull(f.gcs_path);
    return j;
  }
  j["type"] = real.format ? std::string(domain::StorageFormatName(*real.format)) : "Raw";
  j["short_summary"] = OrNull(real.short_summary);
  j["original_file_sha256"] = OrNull(real.original_file_sha256);
  j["original_file_md5"] = OrNull(real.original_file_md5);
  j["original_file_size"] =
      real.original_file_size ? json(*real.original_file_size) : json(nullptr);
  if (f.kind == domain::DatafileKind::kVirtual) {
    j["underlying_file_id"] = OrNull(view.underlying_taiga_id);
    j["gcs_path"] = OrNull(real.gcs_path);
  } else {
    j["encoding"] = OrNull(f.encoding);
    j["s3_bucket"] = f.s3_bucket.value_or("taiga");
    j["s3_key"] = f.blob_sha256 ? "blobs/" + *f.blob_sha256 : f.s3_key.value_or("");
  }
  return j;
}

json VersionJson(const app::VersionView& view) {
  const auto& v = view.version;
  json files = json::array();
  for (const auto& f : view.datafiles) files.push_back(DatafileJson(f));
  return {{"id", v.entry.id},
          {"name", v.entry.name},
          {"version", std::to_string(v.version)},
          {"dataset_id", v.dataset_id},
          {"creation_date", common::FormatIsoTimestamp(v.entry.creation_date)},
          {"creator", Creator(v.entry)},
          {"description", v.entry.description.value_or("")},
          {"changes_description", OrNull(v.changes_description)},
          {"state", std::string(domain::VersionStateName(v.state))},
          {"reason_state", v.reason_state.value_or("")},
          {"datafiles", std::move(files)},
          {"folders", json::array()},
          {"can_edit", view.can_edit},
          {"can_view", view.can_view},
          {"figshare", nullptr}};
}

json ActivityJson(const domain::Activity& a) {
  json j = {{"id", a.id},
            {"type", a.type},
            {"timestamp", common::FormatIsoTimestamp(a.timestamp)},
            {"user_name", a.user_name.value_or("")},
            {"comments", OrNull(a.comments)}};
  auto version = a.dataset_version ? json(*a.dataset_version) : json(nullptr);
  if (a.type == "created") {
    j["dataset_name"] = OrNull(a.dataset_name);
    j["dataset_description"] = OrNull(a.dataset_description);
  } else if (a.type == "changed_name") {
    j["dataset_name"] = OrNull(a.dataset_name);
  } else if (a.type == "changed_description") {
    j["dataset_description"] = OrNull(a.dataset_description);
    j["dataset_version"] = version;
  } else if (a.type == "added_version") {
    j["dataset_description"] = OrNull(a.dataset_description);
    j["dataset_version"] = version;
    j["changes_description"] = OrNull(a.changes_description);
  } else {
    j["dataset_name"] = OrNull(a.dataset_name);
    j["dataset_description"] = OrNull(a.dataset_description);
    j["dataset_version"] = version;
  }
  return j;
}

}  // namespace taiga::http
