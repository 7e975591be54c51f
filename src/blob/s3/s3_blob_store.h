// S3BlobStore: the production BlobStore over any S3-compatible endpoint (DESIGN.md §3), via
// libcurl and our SigV4: PutObject or multipart uploads (S3BlobWriter), ranged GetObject
// (S3BlobReader), HeadObject, CopyObject + DeleteObject for Move, ListObjectsV2 with
// pagination, and presigned GET URLs with response-content-disposition/-type.
// Thread-safe: calls share a pool of curl handles.
#pragma once

#include <memory>
#include <string>

#include "blob/blob_store.h"
#include "blob/s3/s3_blob_store_options.h"
#include "blob/s3/s3_client.h"

namespace taiga::blob {

class S3BlobStore final : public BlobStore {
 public:
  // Checks the options; does not contact the endpoint. Errors: InvalidArgument.
  static common::Result<std::unique_ptr<S3BlobStore>> Create(S3BlobStoreOptions options);

  common::Result<std::unique_ptr<BlobWriter>> Write(std::string_view key) override;
  // A ranged read asks HeadObject for the size first, so ranges past the end are
  // InvalidArgument like on the other stores.
  // The defaults repeat BlobStore's, so calls through this type read the same.
  common::Result<std::unique_ptr<BlobReader>> Read(
      std::string_view key, uint64_t offset = 0,
      std::optional<uint64_t> length = std::nullopt) override;
  common::Result<std::optional<BlobStat>> Stat(std::string_view key) override;
  common::Status Delete(std::string_view key) override;
  // CopyObject (part by part above multipart_copy_threshold) then DeleteObject; an existing
  // destination is kept and only the source deleted.
  common::Status Move(std::string_view from, std::string_view to) override;
  common::Result<std::vector<BlobStat>> List(std::string_view prefix) override;
  // A presigned GET (base_url is not used).
  common::Result<std::string> PresignGet(std::string_view key,
                                         const PresignOptions& options) override;
  std::string Name() const override { return "s3"; }

 private:
  explicit S3BlobStore(std::shared_ptr<S3Client> client) : client_(std::move(client)) {}
  common::Status Copy(std::string_view from, std::string_view to, uint64_t size);
  common::Status CopyInParts(std::string_view from, std::string_view to, uint64_t size);

  std::shared_ptr<S3Client> client_;
};

}  // namespace taiga::blob
