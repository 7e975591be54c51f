// ImportUpload: the conversion half of upload processing (issue #4, DESIGN.md §8) — turns an
// uploaded TableCSV/TableTSV into a columnar table and a NumericMatrixCSV/NumericMatrixTSV/GCT
// into an HDF5 matrix, both stored content-addressed, plus a gzip copy of the upload (served
// as `raw_test` with Content-Encoding: gzip), the original's SHA-256 and MD5, the summaries,
// the column types (tables) and the preview. Passes over the upload: gzip + hashes on a thread
// of their own (stopped if the file is bad), beside the converter's (two for tables, one for
// matrices); memory bounded whatever the file size. Idempotent: outputs are staged under the
// job's own keys and stored by content; nothing is stored when the file is bad. Thread-safe (no
// shared state).
#pragma once

#include <optional>
#include <string>

#include "blob/blob_store.h"
#include "common/clock.h"
#include "common/result.h"
#include "convert/columnar_writer.h"
#include "convert/progress_sink.h"
#include "db/database.h"
#include "db/upload_repository.h"
#include "domain/dataset.h"

namespace taiga::jobs {

struct UploadImport {
  std::string job_id;         // names the staging keys
  std::string upload_key;     // the uploaded object
  uint64_t upload_bytes = 0;  // its size (progress of one-pass imports); 0: unknown
  std::string filename;       // for the gzip header
  domain::UploadFormat format = domain::UploadFormat::kTableCsv;  // not kRaw
  std::optional<std::string> encoding;  // the declared text encoding; absent: UTF-8
  std::string scratch_dir;              // local directory for HDF5 files
  int gzip_level = 1;                   // of the raw_test copy (1 fast … 9 small)
  // Tables: zlib level and compression threads (the defaults write Taiga 2's bytes); the
  // threads also compress the gzip copy.
  convert::ColumnarWriterOptions columnar;
};

// Errors: InvalidArgument for anything wrong with the file or its declared encoding (the
// message names line and column; the upload fails with it); the store's, database's and
// progress sink's errors otherwise (transient: the job retries).
common::Result<db::ProcessedUpload> ImportUpload(db::Database& db, blob::BlobStore& store,
                                                 const common::Clock& clock,
                                                 const UploadImport& input,
                                                 convert::ProgressSink& progress);

}  // namespace taiga::jobs
