#include "s3api/local_part_slots.h"

#include <charconv>
#include <cstdio>

#include "common/hex.h"
#include "s3api/multipart_uploads.h"

namespace taiga::s3api {
namespace {

// Slots end below this offset (a file system's largest file is larger); parts beyond it are
// stored as files of their own.
constexpr uint64_t kMaxSlotEnd = 1ull << 40;

std::string Key(const std::string& id, std::string_view suffix) {
  return std::string(MultipartUploads::kRoot) + id + "." + std::string(suffix);
}
std::string DataKey(const std::string& id) { return Key(id, "data"); }
std::string StrideKey(const std::string& id) { return Key(id, "stride"); }
std::string SlotKey(const std::string& id, int number) {
  char n[16];
  std::snprintf(n, sizeof n, "slot-%05d", number);
  return Key(id, n);
}

bool ParseU64(std::string_view s, uint64_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// The stride recorded for an upload; nullopt when there is none (or it is damaged).
common::Result<std::optional<uint64_t>> ReadStride(blob::BlobStore& store, const std::string& id) {
  auto text = MultipartUploads::ReadSmall(store, StrideKey(id));
  if (!text.ok()) {
    if (text.status().code() == common::StatusCode::kNotFound) return std::optional<uint64_t>();
    return text.status();
  }
  uint64_t p = 0;
  if (!ParseU64(*text, &p) || p == 0) return std::optional<uint64_t>();
  return std::optional<uint64_t>(p);
}

}  // namespace

common::Result<uint64_t> LocalPartSlots::Stride(const std::string& upload_id, uint64_t length) {
  TAIGA_ASSIGN_OR_RETURN(std::optional<uint64_t> known, ReadStride(store_, upload_id));
  if (known) return *known;
  TAIGA_ASSIGN_OR_RETURN(std::string text,
                         store_.CreateIfAbsent(StrideKey(upload_id), std::to_string(length)));
  uint64_t p = 0;
  if (!ParseU64(text, &p) || p == 0) {
    return common::Internal("the stride record of multipart upload " + upload_id + " is damaged");
  }
  return p;
}

common::Status LocalPartSlots::Record(const std::string& upload_id, int number,
                                      const blob::WriteResult& w) {
  const std::string record = w.md5 + " " + std::to_string(w.size);
  TAIGA_ASSIGN_OR_RETURN(std::string now,
                         store_.CreateIfAbsent(SlotKey(upload_id, number), record));
  if (now != record) {  // cannot happen while the slot lock is respected
    return common::Internal("slot " + std::to_string(number) + " of multipart upload " + upload_id +
                            " was filled twice");
  }
  return common::Status::Ok();
}

common::Result<std::optional<blob::WriteResult>> LocalPartSlots::Upload(
    S3Call& call, S3Payload& payload, const std::string& upload_id, int number) {
  const std::optional<uint64_t> length = payload.announced_size();
  if (!length || *length == 0) return std::optional<blob::WriteResult>();
  TAIGA_ASSIGN_OR_RETURN(uint64_t stride, Stride(upload_id, *length));
  const uint64_t offset = static_cast<uint64_t>(number - 1) * stride;
  if (*length > stride || offset + stride > kMaxSlotEnd) return std::optional<blob::WriteResult>();
  TAIGA_ASSIGN_OR_RETURN(auto file, store_.OpenAssembly(DataKey(upload_id), /*create=*/true));
  TAIGA_ASSIGN_OR_RETURN(bool locked, file->TryLock(offset, stride));
  if (!locked) return std::optional<blob::WriteResult>();
  TAIGA_ASSIGN_OR_RETURN(std::optional<blob::BlobStat> filled,
                         store_.Stat(SlotKey(upload_id, number)));
  if (filled) return std::optional<blob::WriteResult>();
  auto writer = file->WriteAt(offset, stride);
  TAIGA_ASSIGN_OR_RETURN(blob::WriteResult written, WriteVerifiedBody(call, payload, *writer));
  TAIGA_RETURN_IF_ERROR(Record(upload_id, number, written));
  return std::optional<blob::WriteResult>(std::move(written));
}

common::Result<std::optional<blob::LocalBlobRange>> LocalPartSlots::Find(
    const std::string& upload_id, int number, std::string_view md5_hex) {
  auto text = MultipartUploads::ReadSmall(store_, SlotKey(upload_id, number));
  if (!text.ok()) {
    if (text.status().code() == common::StatusCode::kNotFound) {
      return std::optional<blob::LocalBlobRange>();
    }
    return text.status();
  }
  const std::string_view record = *text;
  const size_t space = record.find(' ');
  uint64_t size = 0;
  if (space == std::string_view::npos || record.substr(0, space) != md5_hex ||
      !ParseU64(record.substr(space + 1), &size)) {
    return std::optional<blob::LocalBlobRange>();
  }
  TAIGA_ASSIGN_OR_RETURN(std::optional<uint64_t> stride, ReadStride(store_, upload_id));
  if (!stride) return std::optional<blob::LocalBlobRange>();
  return std::optional<blob::LocalBlobRange>(
      blob::LocalBlobRange{DataKey(upload_id), static_cast<uint64_t>(number - 1) * *stride, size});
}

common::Result<bool> LocalPartSlots::TryPublish(const std::string& upload_id,
                                                const std::vector<blob::LocalBlobRange>& parts,
                                                const std::string& key) {
  TAIGA_ASSIGN_OR_RETURN(std::optional<uint64_t> stride, ReadStride(store_, upload_id));
  if (!stride || parts.empty()) return false;
  const std::string data = DataKey(upload_id);
  uint64_t size = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    const uint64_t length = parts[i].length.value_or(0);
    if (parts[i].key != data || parts[i].offset != i * *stride || !parts[i].length ||
        (last ? length > *stride : length != *stride)) {
      return false;
    }
    size += length;
  }
  auto file = store_.OpenAssembly(data, /*create=*/false);
  if (!file.ok()) {
    if (file.status().code() == common::StatusCode::kNotFound) return false;
    return file.status();
  }
  TAIGA_ASSIGN_OR_RETURN(bool locked, (*file)->TryLock(0, 0));
  if (!locked) return false;
  common::Status s = (*file)->PublishAs(size, key);
  if (s.code() == common::StatusCode::kFailedPrecondition) return false;  // the copy tells why
  TAIGA_RETURN_IF_ERROR(s);
  return true;
}

}  // namespace taiga::s3api
