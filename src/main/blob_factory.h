// OpenBlobBackend: the concrete byte store of a configuration (DESIGN.md §3) — the local store
// under <data_dir>/blobs with the server's signing key and the embedded upload credentials, or
// an S3 bucket with STS upload credentials — or an in-memory one for commands that only
// describe the program. The only place besides database_factory that names blob backends.
#pragma once

#include <memory>
#include <string>

#include "blob/blob_store.h"
#include "blob/local/embedded_credentials.h"
#include "blob/local/local_blob_store.h"
#include "common/result.h"
#include "main/config.h"

namespace taiga::main {

struct BlobBackend {
  std::unique_ptr<blob::BlobStore> store;
  blob::LocalBlobStore* local = nullptr;  // `store` when it is the local store (served by us)
  std::unique_ptr<blob::UploadCredentialIssuer> issuer;
  // `issuer` when it is the embedded one (verified by our S3 endpoint); null for s3.
  blob::EmbeddedCredentialIssuer* embedded = nullptr;
};

// The signing key bytes: config.signing_key (hex) when set, else <data_dir>/signing-key, made
// on first start (32 random bytes as hex, mode 0600; concurrent first starts agree).
// Errors: Unavailable (the file cannot be read or written), InvalidArgument (a damaged file).
common::Result<std::string> LoadOrCreateSigningKey(const Config& config);

// local: the store and key under data_dir. s3: S3BlobStore on blob.s3.endpoint (presigning
// for public_endpoint) and StsCredentialIssuer (blob.s3.sts_endpoint, default the endpoint);
// nothing is contacted yet. Errors: InvalidArgument (bad s3 settings), Unavailable
// (directories, the key file).
common::Result<BlobBackend> OpenBlobBackend(const Config& config);

// A memory store and a random key: for `taiga routes` and tests, nothing touches the disk.
BlobBackend MemoryBlobBackend(const Config& config);

}  // namespace taiga::main
