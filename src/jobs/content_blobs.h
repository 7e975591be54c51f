// Content-addressed storage of job results: every stored byte sequence lives once, under
// "blobs/<2 hex>/<sha256>". A job writes its output to a staging key of its own (StagingKey),
// then StoreAsContent claims the blob row and moves the object to its content key — the claim
// protocol CleanupJob relies on: claim (LockBlob + InsertBlob, which refreshes created_at) in
// its own committed transaction before the bytes land, so a collector that saw an older claim
// has already deleted the old object and one that comes later sees the fresh claim.
// Thread-safe (stateless functions over thread-safe services).
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::jobs {

// "blobs/ab/abcdef…" for a SHA-256.
std::string ContentKey(const std::string& sha256);

// "staging/<job id>/<name>": where a job stages an output before its hash is known.
std::string StagingKey(const std::string& job_id, const std::string& name);

// Claims the blob `sha256` (of `size` bytes, with `md5`) and moves `staged_key` to its content
// key (deleting the staged object when the content is stored already). Returns the blob row.
// Errors: the database's and the store's (NotFound when `staged_key` is gone).
common::Result<db::BlobRow> StoreAsContent(db::Database& db, blob::BlobStore& store,
                                           const common::Clock& clock,
                                           const std::string& staged_key,
                                           const std::string& sha256, const std::string& md5,
                                           uint64_t size);

// Commits `writer` (which wrote `staged_key`) and stores its bytes as content.
common::Result<db::BlobRow> CommitAsContent(db::Database& db, blob::BlobStore& store,
                                            const common::Clock& clock, blob::BlobWriter& writer,
                                            const std::string& staged_key);

}  // namespace taiga::jobs
