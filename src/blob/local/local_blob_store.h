// LocalBlobStore: the embedded deployment's BlobStore (DESIGN.md §3): one file per key under a
// root directory (<data-dir>/blobs), written through temp files in <root>/tmp/ and renamed into
// place, so a key shows either nothing or all its bytes, durably (fsync of file and directory).
// Downloads are {base_url}/blob/{token} URLs signed by LocalUrlSigner and served by the HTTP
// layer from LocalPath (sendfile). Keys under "tmp/" are reserved for those temp files.
// Thread-safe; several processes may share a root (every step is an atomic file-system call).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "blob/blob_store.h"
#include "blob/local/local_assembly_file.h"
#include "blob/local/local_temp_file.h"
#include "blob/local/local_url_signer.h"
#include "blob/multi_lane_md5.h"
#include "common/clock.h"

namespace taiga::blob {

// `length` bytes of the object `key` from `offset` (nullopt: up to its end).
struct LocalBlobRange {
  std::string key;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
};

struct LocalBlobStoreOptions {
  std::string root;                      // <data-dir>/blobs; created (with tmp/) when missing
  std::string url_signing_key;           // >= 32 secret bytes; signs PresignGet tokens
  const common::Clock* clock = nullptr;  // nullptr: the system clock; must outlive the store
  bool fsync = true;                     // fsync files and directories (off only for tests)
  bool md5_worker = true;  // writers hash MD5 on a worker thread of the store (MultiLaneMd5)
  int stale_tmp_seconds = 86400;  // Open deletes temp files older than this (crashed writers)
};

class LocalBlobStore final : public BlobStore {
 public:
  // Creates the directories and removes stale temp files. Errors: InvalidArgument (no root,
  // short signing key), Unavailable (the directories cannot be made).
  static common::Result<std::unique_ptr<LocalBlobStore>> Open(LocalBlobStoreOptions options);

  common::Result<std::unique_ptr<BlobWriter>> Write(std::string_view key) override;
  // The defaults repeat BlobStore's, so calls through this type read the same.
  common::Result<std::unique_ptr<BlobReader>> Read(
      std::string_view key, uint64_t offset = 0,
      std::optional<uint64_t> length = std::nullopt) override;
  common::Result<std::optional<BlobStat>> Stat(std::string_view key) override;
  common::Status Delete(std::string_view key) override;
  common::Status Move(std::string_view from, std::string_view to) override;
  common::Result<std::vector<BlobStat>> List(std::string_view prefix) override;
  // {base_url}/blob/{token}; base_url is required. The token carries the key, expiry, download
  // name and content type (LocalUrlSigner::Verify reads them back).
  common::Result<std::string> PresignGet(std::string_view key,
                                         const PresignOptions& options) override;
  std::string Name() const override { return "local"; }

  // Makes `key` the concatenation of the ranges `parts`, in order (the multipart Complete of
  // the embedded S3 endpoint): copied inside the kernel (copy_file_range(2), no pass through
  // user space) into a temp file that is committed as a writer's is, so `key` shows nothing
  // until it is whole and a failure leaves nothing. Not hashed: callers that need the digests
  // stream through Write. Returns the size. Errors: InvalidArgument (bad key), NotFound (a
  // part is missing or shorter than its range), Unavailable.
  common::Result<uint64_t> Concatenate(const std::vector<LocalBlobRange>& parts,
                                       std::string_view key);

  // Opens the file under `key` for writers at offsets (see LocalAssemblyFile), creating it
  // empty when missing if `create`. Errors: InvalidArgument (bad key), NotFound (missing and
  // not `create`), Unavailable.
  common::Result<std::unique_ptr<LocalAssemblyFile>> OpenAssembly(std::string_view key,
                                                                  bool create);

  // Stores the small `content` under `key` unless an object is there already (atomically: of
  // racing callers one wins) and returns the content that is under the key now, up to 64 KiB.
  // Errors: InvalidArgument (bad key), Unavailable.
  common::Result<std::string> CreateIfAbsent(std::string_view key, std::string_view content);

  // The file of an existing object, for sendfile. Errors: InvalidArgument, NotFound.
  common::Result<std::string> LocalPath(std::string_view key) const;
  // The signer of this store's download URLs (the blob handler verifies with it).
  const LocalUrlSigner& url_signer() const { return signer_; }

 private:
  LocalBlobStore(LocalBlobStoreOptions options, LocalUrlSigner signer);
  common::Status CheckKey(std::string_view key) const;
  // A new temp file for the object `key` (checked by the caller). Errors: Unavailable.
  common::Result<std::unique_ptr<LocalTempFile>> CreateTempFile(std::string_view key) const;
  common::Status MoveFile(const std::string& from, const std::string& to) const;

  LocalBlobStoreOptions options_;
  LocalUrlSigner signer_;
  common::SystemClock system_clock_;
  const common::Clock* clock_;
  std::unique_ptr<MultiLaneMd5> md5_;  // null without options_.md5_worker
};

}  // namespace taiga::blob
