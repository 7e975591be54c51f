#include "s3api/multipart_uploads.h"

#include <charconv>
#include <map>

#include "common/random.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {
namespace {

constexpr std::string_view kMetaVersion = "taiga-multipart-v1";
constexpr std::string_view kPutPrefix = "put-";
constexpr int64_t kMicros = 1000000;

bool ParseInt(std::string_view s, int64_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// The creation time (seconds) of "<secs>-<32 hex>" or "put-<secs>-<32 hex>"; false otherwise.
bool IdTime(std::string_view id, int64_t* secs) {
  if (id.substr(0, kPutPrefix.size()) == kPutPrefix) id.remove_prefix(kPutPrefix.size());
  const size_t dash = id.find('-');
  if (dash == std::string_view::npos || id.size() - dash - 1 != 32) return false;
  for (char c : id.substr(dash + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return ParseInt(id.substr(0, dash), secs) && *secs >= 0;
}

std::string MetaKey(std::string_view id) {
  return std::string(MultipartUploads::kRoot) + std::string(id) + ".meta";
}

}  // namespace

common::Result<std::string> MultipartUploads::ReadSmall(blob::BlobStore& store,
                                                        const std::string& key) {
  TAIGA_ASSIGN_OR_RETURN(auto reader, store.Read(key));
  std::string out;
  char buf[4096];
  while (out.size() < 64 * 1024) {
    TAIGA_ASSIGN_OR_RETURN(size_t n, reader->Read(buf, sizeof buf));
    if (n == 0) break;
    out.append(buf, n);
  }
  return out;
}

common::Result<MultipartUpload> MultipartUploads::Create(std::string key, std::string owner_prefix,
                                                         common::Timestamp now) {
  MultipartUpload u;
  u.created = now / kMicros * kMicros;
  u.id = std::to_string(now / kMicros) + "-" + common::RandomHex(16);
  u.key = std::move(key);
  u.owner_prefix = std::move(owner_prefix);
  const std::string meta = std::string(kMetaVersion) +
                           "\ncreated=" + std::to_string(u.created / kMicros) +
                           "\nprefix=" + u.owner_prefix + "\nkey=" + u.key + "\n";
  TAIGA_ASSIGN_OR_RETURN(auto writer, store_.Write(MetaKey(u.id)));
  TAIGA_RETURN_IF_ERROR(writer->Write(meta));
  TAIGA_RETURN_IF_ERROR(writer->Commit().status());
  return u;
}

common::Result<MultipartUpload> MultipartUploads::Find(std::string_view id) {
  const auto unknown = [&] {
    return S3Status("NoSuchUpload", "the multipart upload " + std::string(id) +
                                        " does not exist: it was completed, aborted or never "
                                        "started; start a new one");
  };
  int64_t secs = 0;
  if (id.substr(0, kPutPrefix.size()) == kPutPrefix || !IdTime(id, &secs)) return unknown();
  auto text = ReadSmall(store_, MetaKey(id));
  if (!text.ok()) {
    if (text.status().code() == common::StatusCode::kNotFound) return unknown();
    return text.status();
  }
  MultipartUpload u;
  u.id = std::string(id);
  std::string_view rest = *text;
  bool versioned = false;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    int64_t created = 0;
    if (line == kMetaVersion) versioned = true;
    if (line.substr(0, 8) == "created=" && ParseInt(line.substr(8), &created)) {
      u.created = created * kMicros;
    }
    if (line.substr(0, 7) == "prefix=") u.owner_prefix = std::string(line.substr(7));
    if (line.substr(0, 4) == "key=") u.key = std::string(line.substr(4));
  }
  if (!versioned || u.key.empty()) {
    return common::Internal("the record of multipart upload " + u.id + " is damaged");
  }
  return u;
}

common::Status MultipartUploads::Remove(std::string_view id) {
  TAIGA_ASSIGN_OR_RETURN(auto objects, store_.List(std::string(kRoot) + std::string(id) + "."));
  const std::string meta = MetaKey(id);
  for (const auto& o : objects) {
    if (o.key != meta) TAIGA_RETURN_IF_ERROR(store_.Delete(o.key));
  }
  return store_.Delete(meta);
}

std::string MultipartUploads::PartKey(std::string_view id, int number,
                                      std::string_view md5_hex) const {
  char n[8];
  std::snprintf(n, sizeof n, "%05d", number);
  return std::string(kRoot) + std::string(id) + ".part-" + n + "-" + std::string(md5_hex);
}

std::string MultipartUploads::StagingKey(std::string_view id, common::Timestamp now) const {
  if (id.empty()) {
    return std::string(kRoot) + std::string(kPutPrefix) + std::to_string(now / kMicros) + "-" +
           common::RandomHex(16) + ".body";
  }
  return std::string(kRoot) + std::string(id) + ".stage-" + common::RandomHex(12);
}

common::Result<int> MultipartUploads::Cleanup(common::Timestamp now, int64_t max_age_seconds) {
  TAIGA_ASSIGN_OR_RETURN(auto objects, store_.List(kRoot));
  std::map<std::string, bool> ids;  // id → has meta
  for (const auto& o : objects) {
    const std::string_view rest = std::string_view(o.key).substr(kRoot.size());
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos || rest.find('/') != std::string_view::npos) continue;
    const std::string id(rest.substr(0, dot));
    ids[id] = ids[id] || rest.substr(dot + 1) == "meta";
  }
  int removed = 0;
  const int64_t cutoff = now / kMicros - max_age_seconds;
  for (const auto& [id, has_meta] : ids) {
    int64_t created = 0;
    if (!IdTime(id, &created)) continue;  // not ours: leave it
    if (has_meta) {
      auto upload = Find(id);
      if (upload.ok()) created = upload->created / kMicros;
    }
    if (created > cutoff) continue;
    if (Remove(id).ok()) ++removed;
  }
  return removed;
}

}  // namespace taiga::s3api
