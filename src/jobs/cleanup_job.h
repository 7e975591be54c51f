// CleanupJob ("maintenance.cleanup"): removes what nobody needs any more — expired upload
// sessions with the objects uploaded for them, blobs no datafile, session file or cache
// entry refers to (claimed more than a grace period ago), and outputs staged under
// "staging/<job id>/" by jobs that have ended (a worker died between writing and storing), and
// local scratch files of such jobs (ScratchFile) in this machine's scratch directory. Runs
// periodically (PeriodicEnqueuer) and is idempotent. Thread-safe.
//
// The blob protocol, with ProcessUploadJob: a claim is LockBlob + InsertBlob (created_at = now)
// committed before the bytes are moved into place; collection is LockBlob + re-check (still
// unreferenced, still old) + delete the object + delete the row, in one transaction. Under the
// lock either the claim comes first (the collector then sees a fresh claim and keeps the blob)
// or the collection does (the object is gone before the claimer moves its bytes in).
#pragma once

#include <cstdint>
#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "db/database.h"
#include "jobs/job_kind.h"

namespace taiga::jobs {

struct CleanupOptions {
  int64_t blob_grace_seconds = 3600;  // unreferenced blobs younger than this stay
  size_t batch = 500;                 // sessions / blobs handled per run
  std::string scratch_dir;            // this machine's ScratchFile directory; empty: none
  // Scratch files without a job id in their name are removed once this old.
  int64_t scratch_grace_seconds = 86400;
};

class CleanupJob final : public JobKind {
 public:
  static constexpr char kName[] = "maintenance.cleanup";

  CleanupJob(db::Database& db, blob::BlobStore& store, const common::Clock& clock,
             CleanupOptions options = {})
      : db_(db), store_(store), clock_(clock), options_(options) {}

  std::string_view name() const override { return kName; }
  common::Status Run(JobContext& context) override;

  // The parts, for tests: each returns how many items it removed.
  common::Result<int64_t> RemoveExpiredSessions();
  common::Result<int64_t> CollectBlobs();
  common::Result<int64_t> RemoveAbandonedStaging();
  common::Result<int64_t> RemoveAbandonedScratch();

 private:
  db::Database& db_;
  blob::BlobStore& store_;
  const common::Clock& clock_;
  CleanupOptions options_;
};

}  // namespace taiga::jobs
