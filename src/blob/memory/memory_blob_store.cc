#include "blob/memory/memory_blob_store.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "blob/blob_key.h"
#include "blob/sigv4_encoding.h"
#include "blob/stream_hasher.h"

namespace taiga::blob {
namespace {

using State = MemoryBlobStore::State;

class MemoryBlobWriter final : public BlobWriter {
 public:
  MemoryBlobWriter(std::shared_ptr<State> state, std::string key)
      : state_(std::move(state)), key_(std::move(key)) {}

  common::Status Write(std::string_view bytes) override {
    if (done_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
    if (state_->faults) {
      common::Status s = state_->faults->OnWrite();
      if (!s.ok()) {
        done_ = true;
        return s;
      }
    }
    buffer_.append(bytes);
    hasher_.Update(bytes);
    return common::Status::Ok();
  }

  common::Result<WriteResult> Commit() override {
    if (done_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
    done_ = true;
    if (state_->faults) TAIGA_RETURN_IF_ERROR(state_->faults->OnCommit());
    StreamDigests d = hasher_.Finish();
    WriteResult result{key_, buffer_.size(), d.sha256, d.md5};
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->objects[key_] = {std::make_shared<const std::string>(std::move(buffer_)), d.md5};
    return result;
  }

 private:
  std::shared_ptr<State> state_;
  std::string key_;
  std::string buffer_;
  StreamHasher hasher_;
  bool done_ = false;
};

class MemoryBlobReader final : public BlobReader {
 public:
  MemoryBlobReader(std::shared_ptr<State> state, std::shared_ptr<const std::string> bytes,
                   size_t pos, size_t end)
      : state_(std::move(state)), bytes_(std::move(bytes)), pos_(pos), end_(end) {}

  common::Result<size_t> Read(char* buf, size_t n) override {
    if (state_->faults) TAIGA_RETURN_IF_ERROR(state_->faults->OnRead());
    const size_t k = std::min(n, end_ - pos_);
    if (k > 0) std::memcpy(buf, bytes_->data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::shared_ptr<State> state_;
  std::shared_ptr<const std::string> bytes_;
  size_t pos_;
  size_t end_;
};

}  // namespace

MemoryBlobStore::MemoryBlobStore(std::shared_ptr<MemoryFaultInjector> faults)
    : state_(std::make_shared<State>()) {
  state_->faults = std::move(faults);
}

common::Result<std::unique_ptr<BlobWriter>> MemoryBlobStore::Write(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  return std::unique_ptr<BlobWriter>(new MemoryBlobWriter(state_, std::string(key)));
}

common::Result<std::unique_ptr<BlobReader>> MemoryBlobStore::Read(std::string_view key,
                                                                  uint64_t offset,
                                                                  std::optional<uint64_t> length) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  std::shared_ptr<const std::string> bytes;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    auto it = state_->objects.find(key);
    if (it == state_->objects.end()) return common::NotFound("no blob " + std::string(key));
    bytes = it->second.bytes;
  }
  const uint64_t size = bytes->size();
  if (offset > size || (length && *length > size - offset)) {
    return common::InvalidArgument("range past the end of " + std::string(key) + " (" +
                                   std::to_string(size) + " bytes)");
  }
  const uint64_t end = length ? offset + *length : size;
  return std::unique_ptr<BlobReader>(new MemoryBlobReader(state_, std::move(bytes), offset, end));
}

common::Result<std::optional<BlobStat>> MemoryBlobStore::Stat(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  std::lock_guard<std::mutex> lock(state_->mu);
  auto it = state_->objects.find(key);
  if (it == state_->objects.end()) return std::optional<BlobStat>();
  return std::optional<BlobStat>(
      BlobStat{std::string(key), it->second.bytes->size(), it->second.etag});
}

common::Status MemoryBlobStore::Delete(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  std::lock_guard<std::mutex> lock(state_->mu);
  auto it = state_->objects.find(key);
  if (it != state_->objects.end()) state_->objects.erase(it);
  return common::Status::Ok();
}

common::Status MemoryBlobStore::Move(std::string_view from, std::string_view to) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(from));
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(to));
  std::lock_guard<std::mutex> lock(state_->mu);
  auto src = state_->objects.find(from);
  if (src == state_->objects.end()) return common::NotFound("no blob " + std::string(from));
  if (from == to) return common::Status::Ok();
  if (state_->objects.find(to) == state_->objects.end()) {
    state_->objects.emplace(std::string(to), src->second);
  }
  state_->objects.erase(src);
  return common::Status::Ok();
}

common::Result<std::vector<BlobStat>> MemoryBlobStore::List(std::string_view prefix) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobPrefix(prefix));
  std::vector<BlobStat> out;
  std::lock_guard<std::mutex> lock(state_->mu);
  for (auto it = state_->objects.lower_bound(prefix);
       it != state_->objects.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    out.push_back({it->first, it->second.bytes->size(), it->second.etag});
  }
  return out;
}

common::Result<std::string> MemoryBlobStore::PresignGet(std::string_view key,
                                                        const PresignOptions& options) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  if (options.expires_seconds < 1 || options.expires_seconds > 604800) {
    return common::InvalidArgument("expires_seconds must be 1..604800");
  }
  return options.base_url + "/memory/" + UriEncodePath(key) +
         "?expires_in=" + std::to_string(options.expires_seconds);
}

}  // namespace taiga::blob
