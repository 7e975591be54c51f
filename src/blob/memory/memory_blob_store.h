// MemoryBlobStore: the in-memory BlobStore for unit tests, with the same semantics as the local
// and S3 stores (key rules, commit-or-nothing writers, range checks, Move keeping an existing
// destination) and an optional MemoryFaultInjector. Objects live in a map guarded by a mutex;
// readers keep their object alive, so a concurrent Delete does not disturb them. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "blob/blob_store.h"
#include "blob/memory/memory_fault_injector.h"

namespace taiga::blob {

class MemoryBlobStore final : public BlobStore {
 public:
  // `faults` may be null (no faults).
  explicit MemoryBlobStore(std::shared_ptr<MemoryFaultInjector> faults = nullptr);

  common::Result<std::unique_ptr<BlobWriter>> Write(std::string_view key) override;
  // The defaults repeat BlobStore's, so calls through this type read the same.
  common::Result<std::unique_ptr<BlobReader>> Read(
      std::string_view key, uint64_t offset = 0,
      std::optional<uint64_t> length = std::nullopt) override;
  common::Result<std::optional<BlobStat>> Stat(std::string_view key) override;
  common::Status Delete(std::string_view key) override;
  common::Status Move(std::string_view from, std::string_view to) override;
  common::Result<std::vector<BlobStat>> List(std::string_view prefix) override;
  // A fake URL "{base_url}/memory/{key}?expires_in=N" (not fetchable; for tests of callers).
  common::Result<std::string> PresignGet(std::string_view key,
                                         const PresignOptions& options) override;
  std::string Name() const override { return "memory"; }

  // Shared with writers and readers, which may outlive a call but not the test.
  struct Object {
    std::shared_ptr<const std::string> bytes;
    std::string etag;  // MD5 hex, as S3 gives for a single-part object
  };
  struct State {
    std::mutex mu;
    std::map<std::string, Object, std::less<>> objects;  // guarded by mu
    std::shared_ptr<MemoryFaultInjector> faults;
  };

 private:
  std::shared_ptr<State> state_;
};

}  // namespace taiga::blob
