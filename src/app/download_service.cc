#include "app/download_service.h"

#include <charconv>

#include "app/access_policy.h"
#include "app/dataset_loader.h"
#include "domain/download_formats.h"
#include "domain/permaname.h"

namespace taiga::app {
namespace {

constexpr char kDone[] = "Completed successfully";

common::Status CheckQuery(const DatafileQuery& q) {
  if (q.dataset_permaname && q.dataset_version_id) {
    return common::InvalidArgument("give either 'dataset_permaname' or 'dataset_version_id', "
                                   "not both");
  }
  if (!q.dataset_permaname && !q.dataset_version_id) {
    return common::InvalidArgument("give 'dataset_permaname' (with an optional 'version') or "
                                   "'dataset_version_id'");
  }
  if (q.version && !q.dataset_permaname) {
    return common::InvalidArgument("'version' goes with 'dataset_permaname'");
  }
  return common::Status::Ok();
}

}  // namespace

common::Result<DatafileDownload> DownloadService::Find(db::Transaction& tx,
                                                       const RequestContext& ctx,
                                                       const DatafileQuery& q) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_RETURN_IF_ERROR(CheckQuery(q));
  DatasetLoader load(tx, ctx);
  DatafileDownload out;
  if (q.dataset_version_id) {
    TAIGA_ASSIGN_OR_RETURN(out.version, load.FindVersion(*q.dataset_version_id));
    TAIGA_ASSIGN_OR_RETURN(out.dataset, load.FindDataset(out.version.dataset_id));
  } else {
    TAIGA_ASSIGN_OR_RETURN(out.dataset, load.FindDataset(*q.dataset_permaname));
    std::optional<int64_t> number;
    if (q.version) {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(q.version->data(), q.version->data() + q.version->size(), n);
      if (ec != std::errc() || end != q.version->data() + q.version->size() || n < 1) {
        return common::InvalidArgument("'version' must be a version number, not '" + *q.version +
                                       "'");
      }
      number = n;
    }
    TAIGA_ASSIGN_OR_RETURN(out.version, load.VersionOf(out.dataset, number));
  }
  std::optional<domain::Datafile> file;
  if (q.datafile_name) {
    TAIGA_ASSIGN_OR_RETURN(file, tx.Datafiles().FindByName(out.version.entry.id, *q.datafile_name));
    if (!file) {
      return common::NotFound("version " + std::to_string(out.version.version) + " of '" +
                              out.dataset.CurrentPermaname() + "' has no file '" +
                              *q.datafile_name + "'");
    }
  } else {
    TAIGA_ASSIGN_OR_RETURN(auto files, tx.Datafiles().ListForVersion(out.version.entry.id));
    if (files.size() != 1) {
      return common::InvalidArgument("the version has " + std::to_string(files.size()) +
                                     " files; name one with 'datafile_name'");
    }
    file = files.front();
  }
  TAIGA_ASSIGN_OR_RETURN(out.file, load.DatafileViewOf(*file));
  return out;
}

common::Result<std::string> DownloadService::SignedUrlOf(const RequestContext& ctx,
                                                         const db::BlobRow& blob,
                                                         blob::PresignOptions options) {
  options.base_url = ctx.base_url;
  options.expires_seconds = url_expiry_seconds_;
  if (options.content_type.empty()) options.content_type = "application/octet-stream";
  return store_.PresignGet(blob.store_key, options);
}

common::Result<std::string> DownloadService::SignedUrl(db::Transaction& tx,
                                                       const RequestContext& ctx,
                                                       const std::string& sha256,
                                                       blob::PresignOptions options) {
  TAIGA_ASSIGN_OR_RETURN(auto blob, tx.Datafiles().FindBlob(sha256));
  if (!blob) return common::Internal("blob " + sha256 + " is missing from the blob table");
  return SignedUrlOf(ctx, *blob, std::move(options));
}

common::Result<DatafileDownload> DownloadService::Get(const RequestContext& ctx,
                                                      const DatafileQuery& query,
                                                      const std::string& format, bool force) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto out, Find(*tx, ctx, query));
  out.status = kDone;
  if (format == "metadata") return out;
  const domain::Datafile real = out.file.Resolved();
  if (real.kind == domain::DatafileKind::kGcs) {
    return common::InvalidArgument("'" + real.name + "' is a Google Cloud Storage file; those "
                                   "cannot be downloaded here");
  }
  blob::PresignOptions options;
  options.download_name =
      domain::DownloadName(out.dataset.entry.name, out.version.version, out.file.file.name, format);
  if (domain::IsDirectDownload(real, format) && real.blob_sha256) {
    // raw_test of a Raw file is the stored upload itself.
    TAIGA_ASSIGN_OR_RETURN(auto url, SignedUrl(*tx, ctx, *real.blob_sha256, options));
    out.urls.push_back(std::move(url));
    return out;
  }
  if (format == "raw_test" && real.compressed_blob_sha256) {
    // The gzip copy of the upload: clients that honour Content-Encoding get the original bytes,
    // named and typed as what was uploaded (Taiga 2: .csv for CSV uploads, else .raw_test).
    options.content_encoding = "gzip";
    const std::string charset = real.encoding && !real.encoding->empty() ? *real.encoding : "utf-8";
    const std::string_view suffix = domain::UploadedSuffix(real.upload_format);
    options.content_type = std::string(domain::TextMediaType(suffix)) + "; charset=" + charset;
    options.download_name = domain::DownloadName(out.dataset.entry.name, out.version.version,
                                                 out.file.file.name, suffix);
    TAIGA_ASSIGN_OR_RETURN(auto url, SignedUrl(*tx, ctx, *real.compressed_blob_sha256, options));
    out.urls.push_back(std::move(url));
    return out;
  }
  // raw_test of a table or matrix stored before compressed copies existed (Taiga 2 data): its
  // CSV export, which is what the original's backfill gzipped (taigapy reads tables this way).
  std::string convert_to = format;
  if (format == "raw_test" && (real.format == domain::StorageFormat::kColumnar ||
                               real.format == domain::StorageFormat::kHdf5)) {
    convert_to = "csv";
    options.download_name = domain::DownloadName(out.dataset.entry.name, out.version.version,
                                                 out.file.file.name, "csv");
  }
  if (domain::NeedsConversion(real, convert_to)) {
    tx.reset();  // the cache has its own transactions
    TAIGA_ASSIGN_OR_RETURN(auto outcome, conversions_.Request(real.id, convert_to, force));
    out.status = outcome.entry.status;
    if (outcome.result) {
      // Tables come out in the encoding their upload declared; matrices in UTF-8.
      std::string charset = "utf-8";
      if (real.format == domain::StorageFormat::kColumnar && real.encoding &&
          !real.encoding->empty()) {
        charset = *real.encoding;
      }
      options.content_type =
          std::string(domain::TextMediaType(convert_to)) + "; charset=" + charset;
      TAIGA_ASSIGN_OR_RETURN(auto url, SignedUrlOf(ctx, *outcome.result, options));
      out.urls.push_back(std::move(url));
    } else {
      out.converting = true;
      out.task_id = outcome.entry.job_id;
    }
    return out;
  }
  std::string offered;
  for (const auto& f : domain::AllowedConversions(real)) offered += (offered.empty() ? "" : ", ") + f;
  return common::InvalidArgument("format '" + format + "' is not available for '" +
                                 out.file.file.name + "' (" +
                                 std::string(real.format ? domain::StorageFormatName(*real.format)
                                                         : "unknown") +
                                 "); it offers: " + (offered.empty() ? "none" : offered));
}

common::Result<std::string> DownloadService::ShortSummary(const RequestContext& ctx,
                                                          const DatafileQuery& query) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto found, Find(*tx, ctx, query));
  const auto& summary = found.file.Resolved().short_summary;
  if (!summary) return common::NotFound("'" + found.file.file.name + "' has no summary yet");
  return *summary;
}

common::Result<std::optional<std::string>> DownloadService::ColumnTypes(
    const RequestContext& ctx, const DatafileQuery& query) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto found, Find(*tx, ctx, query));
  const auto& real = found.file.Resolved();
  if (real.format != domain::StorageFormat::kColumnar) {
    return common::InvalidArgument("'" + found.file.file.name + "' is not a table, so it has no "
                                   "column types");
  }
  return real.column_types;
}

common::Result<domain::Datafile> DownloadService::FindById(db::Transaction& tx,
                                                           const RequestContext& ctx,
                                                           const std::string& id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (auto taiga_id = domain::ParseTaigaId(id); taiga_id && !taiga_id->filename.empty()) {
    DatafileQuery q;
    q.dataset_permaname = taiga_id->permaname;
    q.version = std::to_string(taiga_id->version);
    q.datafile_name = taiga_id->filename;
    TAIGA_ASSIGN_OR_RETURN(auto found, Find(tx, ctx, q));
    return found.file.file;
  }
  TAIGA_ASSIGN_OR_RETURN(auto file, tx.Datafiles().Find(id));
  if (!file) return common::NotFound("no datafile with id '" + id + "'");
  return *file;
}

common::Result<std::string> DownloadService::GetPreview(const RequestContext& ctx,
                                                        const std::string& id) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto file, FindById(*tx, ctx, id));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto view, load.DatafileViewOf(file));
  const auto& preview = view.Resolved().preview;
  if (!preview) return common::NotFound("'" + file.name + "' has no preview");
  return *preview;
}

common::Result<bool> DownloadService::SetPreview(const RequestContext& ctx, const std::string& id,
                                                 const std::string& preview_json) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto file, FindById(*tx, ctx, id));
  if (file.kind == domain::DatafileKind::kVirtual) {
    return common::InvalidArgument(
        "Previews cannot be stored on virtual datafiles. Use the canonical datafile ID instead.");
  }
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto version, load.FindVersion(file.dataset_version_id));
  TAIGA_ASSIGN_OR_RETURN(auto dataset, load.FindDataset(version.dataset_id));
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireEdit(*tx, ctx, dataset.entry));
  const bool replaced = file.preview.has_value();
  TAIGA_RETURN_IF_ERROR(tx->Datafiles().SetPreview(file.id, preview_json));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return replaced;
}

}  // namespace taiga::app
