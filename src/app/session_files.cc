#include "app/session_files.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/random.h"

namespace taiga::app {
namespace {

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The id of the real file a datafile stands for.
const std::string& RealId(const domain::Datafile& f) {
  return f.underlying_datafile_id ? *f.underlying_datafile_id : f.id;
}

}  // namespace

common::Result<std::vector<domain::UploadSessionFile>> ReadySessionFiles(
    db::Transaction& tx, const RequestContext& ctx, const std::string& session_id) {
  TAIGA_ASSIGN_OR_RETURN(auto session, tx.Uploads().FindSession(session_id));
  if (!session) return common::NotFound("sessionId: no upload session '" + session_id + "'");
  if (session->user_id != ctx.actor->user_id) {
    return common::PermissionDenied("sessionId: upload session '" + session_id +
                                    "' belongs to someone else");
  }
  if (session->used_at) {
    return common::Conflict("sessionId: upload session '" + session_id +
                            "' has already been made into a version; start a new one");
  }
  TAIGA_ASSIGN_OR_RETURN(auto files, tx.Uploads().ListFiles(session_id));
  for (const auto& f : files) {
    if (f.state == domain::UploadFileState::kFailed) {
      return common::InvalidArgument("file '" + f.filename +
                                     "' could not be processed: " + f.error.value_or("unknown"));
    }
    if (f.state != domain::UploadFileState::kReady) {
      return common::Conflict("file '" + f.filename +
                              "' is still being processed; wait for its task to finish");
    }
  }
  return files;
}

common::Status CheckFileNames(const std::vector<std::string>& names) {
  if (names.empty()) {
    return common::InvalidArgument("the upload session has no files; add at least one");
  }
  std::set<std::string> seen;
  std::set<std::string> dups;
  for (const auto& n : names) {
    if (!seen.insert(Trim(n)).second) dups.insert(Trim(n));
  }
  if (!dups.empty()) {
    std::string list;
    for (const auto& d : dups) list += (list.empty() ? "" : ", ") + d;
    return common::InvalidArgument("Duplicate file names in upload: " + list);
  }
  return common::Status::Ok();
}

domain::Datafile DatafileFromSessionFile(const domain::UploadSessionFile& f,
                                         const std::string& version_id, common::Timestamp now) {
  domain::Datafile d;
  d.id = common::NewId32();
  d.dataset_version_id = version_id;
  d.name = f.filename;
  d.custom_metadata = f.custom_metadata;
  d.created_at = now;
  if (f.filetype == domain::DatafileKind::kVirtual) {
    d.kind = domain::DatafileKind::kVirtual;
    d.underlying_datafile_id = f.existing_datafile_id;
    return d;
  }
  d.kind = domain::DatafileKind::kS3;
  d.format = f.converted_format;
  d.upload_format = f.initial_format;
  d.blob_sha256 = f.blob_sha256;
  d.compressed_blob_sha256 = f.compressed_blob_sha256;
  d.encoding = f.encoding;
  d.short_summary = f.short_summary;
  d.long_summary = f.long_summary;
  d.column_types = f.column_types;
  d.preview = f.preview;
  d.original_file_sha256 = f.original_file_sha256;
  d.original_file_md5 = f.original_file_md5;
  d.original_file_size = f.original_file_size;
  return d;
}

std::string DescribeFileChanges(const std::vector<domain::Datafile>& before,
                                const std::vector<domain::Datafile>& after) {
  std::map<std::string, const domain::Datafile*> old_by_name;
  for (const auto& f : before) old_by_name[f.name] = &f;
  std::vector<std::string> added, updated, renamed;
  std::vector<const domain::Datafile*> unmatched;
  for (const auto& f : after) {  // same names first, so a rename never steals an update
    auto it = old_by_name.find(f.name);
    if (it == old_by_name.end()) {
      unmatched.push_back(&f);
      continue;
    }
    if (RealId(*it->second) != RealId(f)) updated.push_back(f.name);
    old_by_name.erase(it);
  }
  for (const domain::Datafile* fp : unmatched) {
    const domain::Datafile& f = *fp;
    auto same = std::find_if(old_by_name.begin(), old_by_name.end(),
                             [&](const auto& kv) { return RealId(*kv.second) == RealId(f); });
    if (same != old_by_name.end()) {
      renamed.push_back(same->first + " -> " + f.name);
      old_by_name.erase(same);
    } else {
      added.push_back(f.name);
    }
  }
  std::vector<std::string> removed;
  for (const auto& [name, f] : old_by_name) removed.push_back(name);
  std::string out;
  auto section = [&out](const char* title, const std::vector<std::string>& names) {
    if (names.empty()) return;
    if (!out.empty()) out += "\n";
    out += std::string(title) + ":";
    for (const auto& n : names) out += "\n- " + n;
  };
  section("Added", added);
  section("Removed", removed);
  section("Updated", updated);
  section("Renamed", renamed);
  return out;
}

}  // namespace taiga::app
