#include "db/sql/sql_datafile_repository.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using OptString = std::optional<std::string>;
using OptInt = std::optional<int64_t>;

#define TAIGA_DATAFILE_COLUMNS                                                               \
  "id, dataset_version_id, name, kind, format, underlying_datafile_id, blob_sha256, "        \
  "compressed_blob_sha256, s3_bucket, s3_key, encoding, custom_metadata, short_summary, "    \
  "long_summary, column_types, preview, original_file_sha256, original_file_md5, gcs_path, " \
  "upload_format, original_file_size, created_at"
constexpr char kInsertDatafile[] =
    "INSERT INTO datafiles (" TAIGA_DATAFILE_COLUMNS
    ") VALUES (:id, :version_id, :name, :kind, :format, :underlying, :blob, :compressed, "
    ":bucket, :key, :encoding, :custom_metadata, :short_summary, :long_summary, :column_types, "
    ":preview, :original_sha256, :original_md5, :gcs_path, :upload_format, :original_size, "
    ":created_at)";
constexpr char kFindDatafile[] = "SELECT " TAIGA_DATAFILE_COLUMNS " FROM datafiles WHERE id = :id";
constexpr char kFindDatafileByName[] = "SELECT " TAIGA_DATAFILE_COLUMNS
                                       " FROM datafiles WHERE dataset_version_id = :version_id "
                                       "AND name = :name";
constexpr char kListDatafiles[] = "SELECT " TAIGA_DATAFILE_COLUMNS
                                  " FROM datafiles WHERE dataset_version_id = :version_id "
                                  "ORDER BY name";
#undef TAIGA_DATAFILE_COLUMNS
// Datasets owning a file whose underlying file belongs to a version of :dataset_id.
constexpr char kDatasetsReferencing[] =
    "SELECT DISTINCT v.dataset_id FROM datafiles u "
    "JOIN dataset_versions uv ON uv.id = u.dataset_version_id "
    "JOIN datafiles f ON f.underlying_datafile_id = u.id "
    "JOIN dataset_versions v ON v.id = f.dataset_version_id "
    "WHERE uv.dataset_id = :dataset_id AND v.dataset_id <> :other_than ORDER BY v.dataset_id";
constexpr char kSetPreview[] = "UPDATE datafiles SET preview = :preview WHERE id = :id";
constexpr char kInsertBlob[] =
    "INSERT INTO blobs (sha256, md5, size, store_key, created_at) "
    "VALUES (:sha256, :md5, :size, :store_key, :created_at) "
    "ON CONFLICT (sha256) DO UPDATE SET created_at = excluded.created_at";
constexpr char kLockBlob[] = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:sha256))) l";
constexpr char kFindBlob[] =
    "SELECT sha256, md5, size, store_key, created_at FROM blobs WHERE sha256 = :sha256";
#define TAIGA_BLOB_UNREFERENCED \
    "NOT EXISTS (SELECT 1 FROM datafiles f WHERE f.blob_sha256 = b.sha256) " \
    "AND NOT EXISTS (SELECT 1 FROM datafiles f WHERE f.compressed_blob_sha256 = b.sha256) " \
    "AND NOT EXISTS (SELECT 1 FROM upload_session_files s WHERE s.blob_sha256 = b.sha256) " \
    "AND NOT EXISTS (SELECT 1 FROM upload_session_files s " \
    "WHERE s.compressed_blob_sha256 = b.sha256) " \
    "AND NOT EXISTS (SELECT 1 FROM conversion_cache c WHERE c.blob_sha256 = b.sha256) "
constexpr char kListUnreferencedBlobs[] =
    "SELECT b.sha256, b.md5, b.size, b.store_key, b.created_at FROM blobs b WHERE "
    TAIGA_BLOB_UNREFERENCED "AND b.created_at < :before ORDER BY b.created_at, b.sha256 LIMIT :limit";
constexpr char kBlobUnreferenced[] =
    "SELECT 1 FROM blobs b WHERE b.sha256 = :sha256 AND " TAIGA_BLOB_UNREFERENCED;
#undef TAIGA_BLOB_UNREFERENCED
constexpr char kDeleteBlob[] = "DELETE FROM blobs WHERE sha256 = :sha256";

using DatafileColumns =
    Columns<std::string, std::string, std::string, std::string, OptString, OptString, OptString,
            OptString, OptString, OptString, OptString, OptString, OptString, OptString, OptString,
            OptString, OptString, OptString, OptString, OptString, OptInt, int64_t>;
using DatafileById = PreparedStatement<Params<std::string>, DatafileColumns>;
using DatafileByName = PreparedStatement<Params<std::string, std::string>, DatafileColumns>;
using BlobColumns = Columns<std::string, std::string, int64_t, std::string, int64_t>;

domain::Datafile DatafileOf(DatafileById::Row&& row) {
  auto& [id, version_id, name, kind, format, underlying, blob, compressed, bucket, key, encoding,
         custom_metadata, short_summary, long_summary, column_types, preview, original_sha256,
         original_md5, gcs_path, upload_format, original_size, created_at] = row;
  const std::optional<domain::DatafileKind> parsed_kind = domain::ParseDatafileKind(kind);
  if (!parsed_kind) throw std::runtime_error("datafile " + id + " has kind " + kind);
  std::optional<domain::StorageFormat> parsed_format;
  if (format) {
    parsed_format = domain::ParseStorageFormat(*format);
    if (!parsed_format) throw std::runtime_error("datafile " + id + " has format " + *format);
  }
  std::optional<domain::UploadFormat> parsed_upload;
  if (upload_format) parsed_upload = domain::ParseUploadFormat(*upload_format);
  domain::Datafile out{std::move(id),
                          std::move(version_id),
                          std::move(name),
                          *parsed_kind,
                          parsed_format,
                          std::move(underlying),
                          std::move(blob),
                          std::move(compressed),
                          std::move(bucket),
                          std::move(key),
                          std::move(encoding),
                          std::move(custom_metadata),
                          std::move(short_summary),
                          std::move(long_summary),
                          std::move(column_types),
                          std::move(preview),
                          std::move(original_sha256),
                          std::move(original_md5),
                          std::move(gcs_path),
                          created_at};
  out.upload_format = parsed_upload;
  out.original_file_size = original_size;
  return out;
}

BlobRow BlobOf(std::tuple<std::string, std::string, int64_t, std::string, int64_t>&& row) {
  auto& [sha256, md5, size, store_key, created_at] = row;
  return BlobRow{std::move(sha256), std::move(md5), size, std::move(store_key), created_at};
}

}  // namespace

Status SqlDatafileRepository::Insert(const domain::Datafile& f) {
  if (f.kind == domain::DatafileKind::kVirtual && !f.underlying_datafile_id) {
    return common::InvalidArgument("virtual datafile " + f.name + " names no underlying file");
  }
  return context_.Run("insert datafile", [&](SqlConnection& c) {
    using S = PreparedStatement<
        Params<std::string, std::string, std::string, std::string, OptString, OptString, OptString,
               OptString, OptString, OptString, OptString, OptString, OptString, OptString,
               OptString, OptString, OptString, OptString, OptString, OptString, OptInt, int64_t>,
        Columns<>>;
    const OptString format =
        f.format ? OptString(std::string(domain::StorageFormatName(*f.format))) : std::nullopt;
    c.Statement<S>(kInsertDatafile)
        .Bind(f.id, f.dataset_version_id, f.name, std::string(domain::DatafileKindName(f.kind)),
              format, f.underlying_datafile_id, f.blob_sha256, f.compressed_blob_sha256,
              f.s3_bucket, f.s3_key, f.encoding, f.custom_metadata, f.short_summary, f.long_summary,
              f.column_types, f.preview, f.original_file_sha256, f.original_file_md5, f.gcs_path,
              f.upload_format ? OptString(std::string(domain::UploadFormatName(*f.upload_format)))
                              : std::nullopt,
              f.original_file_size, f.created_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::Datafile>> SqlDatafileRepository::Find(const std::string& id) {
  return context_.Run("find datafile",
                      [&](SqlConnection& c) -> Result<std::optional<domain::Datafile>> {
                        auto row = c.Statement<DatafileById>(kFindDatafile).Bind(id).First();
                        if (!row) return std::optional<domain::Datafile>();
                        return std::optional<domain::Datafile>(DatafileOf(std::move(*row)));
                      });
}

Result<std::optional<domain::Datafile>> SqlDatafileRepository::FindByName(
    const std::string& version_id, const std::string& name) {
  return context_.Run(
      "find datafile by name", [&](SqlConnection& c) -> Result<std::optional<domain::Datafile>> {
        auto row = c.Statement<DatafileByName>(kFindDatafileByName).Bind(version_id, name).First();
        if (!row) return std::optional<domain::Datafile>();
        return std::optional<domain::Datafile>(DatafileOf(std::move(*row)));
      });
}

Result<std::vector<domain::Datafile>> SqlDatafileRepository::ListForVersion(
    const std::string& version_id) {
  return context_.Run(
      "list datafiles", [&](SqlConnection& c) -> Result<std::vector<domain::Datafile>> {
        std::vector<domain::Datafile> files;
        c.Statement<DatafileById>(kListDatafiles)
            .Bind(version_id)
            .ForEach([&](DatafileById::Row&& row) { files.push_back(DatafileOf(std::move(row))); });
        return files;
      });
}

Result<std::vector<std::string>> SqlDatafileRepository::DatasetsReferencing(
    const std::string& dataset_id) {
  return context_.Run(
      "list referencing datasets", [&](SqlConnection& c) -> Result<std::vector<std::string>> {
        using S = PreparedStatement<Params<std::string, std::string>, Columns<std::string>>;
        std::vector<std::string> ids;
        c.Statement<S>(kDatasetsReferencing)
            .Bind(dataset_id, dataset_id)
            .ForEach([&](S::Row&& row) { ids.push_back(std::move(std::get<0>(row))); });
        return ids;
      });
}

Status SqlDatafileRepository::SetPreview(const std::string& datafile_id,
                                         const std::optional<std::string>& preview_json) {
  return context_.Run("set datafile preview", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<OptString, std::string>, Columns<>>;
    if (c.Statement<S>(kSetPreview).Bind(preview_json, datafile_id).Exec() == 0) {
      return common::NotFound("datafile " + datafile_id + " does not exist");
    }
    return Status::Ok();
  });
}

Status SqlDatafileRepository::InsertBlob(const BlobRow& b) {
  return context_.Run("insert blob", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string, std::string, int64_t, std::string, int64_t>,
                                Columns<>>;
    c.Statement<S>(kInsertBlob).Bind(b.sha256, b.md5, b.size, b.store_key, b.created_at).Exec();
    return Status::Ok();
  });
}

Result<std::optional<BlobRow>> SqlDatafileRepository::FindBlob(const std::string& sha256) {
  return context_.Run("find blob", [&](SqlConnection& c) -> Result<std::optional<BlobRow>> {
    using S = PreparedStatement<Params<std::string>, BlobColumns>;
    auto row = c.Statement<S>(kFindBlob).Bind(sha256).First();
    if (!row) return std::optional<BlobRow>();
    return std::optional<BlobRow>(BlobOf(std::move(*row)));
  });
}

Result<std::vector<BlobRow>> SqlDatafileRepository::ListUnreferencedBlobs(
    size_t limit, common::Timestamp created_before) {
  return context_.Run(
      "list unreferenced blobs", [&](SqlConnection& c) -> Result<std::vector<BlobRow>> {
        using S = PreparedStatement<Params<int64_t, int64_t>, BlobColumns>;
        std::vector<BlobRow> blobs;
        c.Statement<S>(kListUnreferencedBlobs)
            .Bind(created_before, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX)))
            .ForEach([&](S::Row&& row) { blobs.push_back(BlobOf(std::move(row))); });
        return blobs;
      });
}

Status SqlDatafileRepository::LockBlob(const std::string& sha256) {
  return context_.Run("lock blob", [&](SqlConnection& c) {
    if (c.dialect() == SqlDialect::kPostgres) {
      c.Statement<PreparedStatement<Params<std::string>, Columns<int>>>(kLockBlob)
          .Bind(sha256)
          .First();
    }
    return Status::Ok();
  });
}

Result<bool> SqlDatafileRepository::IsBlobReferenced(const std::string& sha256) {
  return context_.Run("check blob references", [&](SqlConnection& c) -> Result<bool> {
    return !c.Statement<PreparedStatement<Params<std::string>, Columns<int>>>(kBlobUnreferenced)
                .Bind(sha256)
                .First()
                .has_value();
  });
}

Status SqlDatafileRepository::DeleteBlob(const std::string& sha256) {
  return context_.Run("delete blob", [&](SqlConnection& c) {
    using S = PreparedStatement<Params<std::string>, Columns<>>;
    if (c.Statement<S>(kDeleteBlob).Bind(sha256).Exec() == 0) {
      return common::NotFound("blob " + sha256 + " does not exist");
    }
    return Status::Ok();
  });
}

}  // namespace taiga::db
