// DownloadService: finds a data file the ways clients name it (permaname + version + name, a
// version id + name, or a taiga id) and answers what GET /api/datafile answers — its metadata
// and signed URLs that work without credentials: of the stored bytes (raw, hdf5, columnar),
// of the gzip copy of the upload (raw_test, served with Content-Encoding: gzip; a table or
// matrix stored without one, as Taiga 2 stored older files, gives its CSV export instead), or
// of the cached conversion (csv, tsv, gct: ConversionRequests). Also short summaries, column
// types and previews. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/conversion_requests.h"
#include "app/dataset_views.h"
#include "app/request_context.h"
#include "blob/blob_store.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

struct DatafileQuery {
  std::optional<std::string> dataset_permaname;  // or a dataset id
  std::optional<std::string> version;            // a number; absent: the latest version
  std::optional<std::string> dataset_version_id;
  std::optional<std::string> datafile_name;      // optional when the version has one file
};

struct DatafileDownload {
  domain::Dataset dataset;
  domain::DatasetVersion version;
  DatafileView file;
  std::string status;             // "Completed successfully" once urls are ready
  std::vector<std::string> urls;  // empty for format=metadata and while converting
  bool converting = false;        // a conversion is under way (urls come later)
  std::optional<std::string> task_id;  // its job, while converting
};

class DownloadService {
 public:
  DownloadService(db::Database& db, blob::BlobStore& store, ConversionRequests& conversions,
                  int url_expiry_seconds = 3600)
      : db_(db), store_(store), conversions_(conversions),
        url_expiry_seconds_(url_expiry_seconds) {}

  // `force`: start a finished conversion over. Errors: InvalidArgument (contradictory or
  // incomplete query; a format the file does not offer), NotFound (dataset, version or file),
  // FailedPrecondition (the conversion failed; force retries), Unavailable.
  common::Result<DatafileDownload> Get(const RequestContext& ctx, const DatafileQuery& query,
                                       const std::string& format, bool force = false);
  // The real file's short summary. Errors: NotFound (also when it has none).
  common::Result<std::string> ShortSummary(const RequestContext& ctx, const DatafileQuery& query);
  // The real file's column types (JSON text, or nullopt when unknown). Errors: NotFound,
  // InvalidArgument when the file is not a table.
  common::Result<std::optional<std::string>> ColumnTypes(const RequestContext& ctx,
                                                         const DatafileQuery& query);
  // The preview of a file by id or taiga id (virtual files show their real file's).
  // Errors: NotFound (no file or no preview).
  common::Result<std::string> GetPreview(const RequestContext& ctx, const std::string& id);
  // Stores a client-supplied preview (JSON text, already truncated); returns true when it
  // replaced one. Errors: NotFound, InvalidArgument (virtual file), PermissionDenied.
  common::Result<bool> SetPreview(const RequestContext& ctx, const std::string& id,
                                  const std::string& preview_json);

 private:
  common::Result<DatafileDownload> Find(db::Transaction& tx, const RequestContext& ctx,
                                        const DatafileQuery& query);
  common::Result<domain::Datafile> FindById(db::Transaction& tx, const RequestContext& ctx,
                                            const std::string& id);
  common::Result<std::string> SignedUrl(db::Transaction& tx, const RequestContext& ctx,
                                        const std::string& sha256, blob::PresignOptions options);
  common::Result<std::string> SignedUrlOf(const RequestContext& ctx, const db::BlobRow& blob,
                                          blob::PresignOptions options);

  db::Database& db_;
  blob::BlobStore& store_;
  ConversionRequests& conversions_;
  int url_expiry_seconds_;
};

}  // namespace taiga::app
