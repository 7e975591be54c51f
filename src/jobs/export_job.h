// ExportJob ("convert.export"): makes the result of one conversion-cache entry — an HDF5 matrix
// exported as csv, tsv or gct, or a columnar table as csv or tsv, with Taiga 2's exact
// formatting (convert/matrix_export.h, convert/table_export.h) — stores it content-addressed
// and marks the entry complete; the entry's status text follows the steps ("Downloading from
// S3", "Running conversion", "Uploading converted file to S3"). A file that cannot be converted
// fails the entry with the converter's message at once; store or database trouble is retried.
// Idempotent: a complete entry is left alone; outputs are staged under the job's own key.
// Thread-safe (holds references to thread-safe services).
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "db/database.h"
#include "jobs/job_kind.h"

namespace taiga::jobs {

class ExportJob final : public JobKind {
 public:
  static constexpr char kName[] = "convert.export";

  // `scratch_dir`: a local directory for the HDF5 files read by matrix exports.
  ExportJob(db::Database& db, blob::BlobStore& store, const common::Clock& clock,
            std::string scratch_dir)
      : db_(db), store_(store), clock_(clock), scratch_dir_(std::move(scratch_dir)) {}

  std::string_view name() const override { return kName; }
  common::Status Run(JobContext& context) override;

 private:
  common::Status SetStatus(const std::string& id, const std::string& status);
  // Writes the export of `source_key` (a stored file of `format`) to `writer`.
  common::Status Export(JobContext& context, const domain::Datafile& file,
                        const std::string& source_key, const std::string& format,
                        const std::string& conversion_id, blob::BlobWriter& writer);

  db::Database& db_;
  blob::BlobStore& store_;
  const common::Clock& clock_;
  std::string scratch_dir_;
};

}  // namespace taiga::jobs
