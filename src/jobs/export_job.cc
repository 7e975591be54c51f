#include "jobs/export_job.h"

#include <nlohmann/json.hpp>

#include "convert/file_byte_sink.h"
#include "convert/matrix_export.h"
#include "convert/table_export.h"
#include "convert/text_encoding.h"
#include "domain/conversion.h"
#include "jobs/blob_streams.h"
#include "jobs/content_blobs.h"
#include "jobs/job_progress.h"
#include "jobs/scratch_file.h"

namespace taiga::jobs {
namespace {

common::Result<std::string> ConversionIdOf(const std::string& payload) {
  auto j = nlohmann::json::parse(payload, nullptr, false);
  if (!j.is_object() || !j.contains("conversion_id") || !j["conversion_id"].is_string()) {
    return common::InvalidArgument("job payload has no conversion_id");
  }
  return j["conversion_id"].get<std::string>();
}

}  // namespace

common::Status ExportJob::SetStatus(const std::string& id, const std::string& status) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->Conversions().SetStatus(id, status).status());
  return tx->Commit();
}

common::Status ExportJob::Export(JobContext& context, const domain::Datafile& file,
                                 const std::string& source_key, const std::string& format,
                                 const std::string& conversion_id, blob::BlobWriter& writer) {
  JobProgress progress(context);
  BlobByteSink sink(writer);
  if (file.format == domain::StorageFormat::kHdf5) {
    TAIGA_RETURN_IF_ERROR(SetStatus(conversion_id, domain::kConversionDownloading));
    TAIGA_ASSIGN_OR_RETURN(auto scratch,
                           ScratchFile::Create(scratch_dir_, context.job_id(), "export", ".hdf5"));
    {  // HDF5 is read through a path: copy the stored file to a local one
      BlobByteSource stored(store_, source_key);
      TAIGA_ASSIGN_OR_RETURN(auto local, convert::FileByteSink::Create(scratch.path()));
      TAIGA_RETURN_IF_ERROR(Pump(stored, *local, &context));
      TAIGA_RETURN_IF_ERROR(local->Flush());
    }
    TAIGA_RETURN_IF_ERROR(SetStatus(conversion_id, domain::kConversionRunning));
    convert::MatrixExportOptions options;
    options.format = format == "gct"   ? convert::MatrixFormat::kGct
                     : format == "tsv" ? convert::MatrixFormat::kTsv
                                       : convert::MatrixFormat::kCsv;
    return convert::ExportMatrix(scratch.path(), options, sink, progress).status();
  }
  TAIGA_RETURN_IF_ERROR(SetStatus(conversion_id, domain::kConversionRunning));
  convert::TableExportOptions options;
  options.delimiter = format == "tsv" ? '\t' : ',';
  // Tables come back in the encoding their upload declared (what we decoded them from).
  if (file.encoding && !file.encoding->empty()) {
    auto encoding = convert::ParseTextEncoding(*file.encoding);
    if (encoding.ok()) options.encoding = *encoding;
  }
  BlobByteSource source(store_, source_key);
  return convert::ExportTable(source, options, sink, progress).status();
}

common::Status ExportJob::Run(JobContext& context) {
  TAIGA_ASSIGN_OR_RETURN(auto id, ConversionIdOf(context.payload()));
  domain::ConversionEntry entry;
  domain::Datafile file;
  db::BlobRow source;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto found, tx->Conversions().FindById(id));
    if (!found) return common::NotFound("the conversion " + id + " is gone");
    entry = std::move(*found);
    if (entry.state == domain::ConversionState::kComplete) return common::Status::Ok();
    TAIGA_ASSIGN_OR_RETURN(auto f, tx->Datafiles().Find(entry.datafile_id));
    if (!f) return common::NotFound("the datafile " + entry.datafile_id + " is gone");
    file = std::move(*f);
    if (!file.blob_sha256) return common::NotFound("'" + file.name + "' has no stored bytes");
    TAIGA_ASSIGN_OR_RETURN(auto b, tx->Datafiles().FindBlob(*file.blob_sha256));
    if (!b) return common::NotFound("the stored bytes of '" + file.name + "' are gone");
    source = std::move(*b);
  }
  const std::string staged = StagingKey(context.job_id(), "export." + entry.format);
  TAIGA_ASSIGN_OR_RETURN(auto writer, store_.Write(staged));
  common::Status exported = Export(context, file, source.store_key, entry.format, id, *writer);
  if (!exported.ok()) {
    if (exported.code() == common::StatusCode::kInvalidArgument ||
        exported.code() == common::StatusCode::kNotFound) {
      TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
      TAIGA_RETURN_IF_ERROR(tx->Conversions().Fail(id, exported.message()));
      TAIGA_RETURN_IF_ERROR(tx->Commit());
    }
    return exported;
  }
  TAIGA_RETURN_IF_ERROR(SetStatus(id, domain::kConversionUploading));
  TAIGA_ASSIGN_OR_RETURN(auto stored, CommitAsContent(db_, store_, clock_, *writer, staged));
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
    TAIGA_RETURN_IF_ERROR(tx->Conversions().Complete(id, stored.sha256));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
  }
  context.SetResult(nlohmann::json{{"sha256", stored.sha256}, {"size", stored.size}}.dump());
  return common::Status::Ok();
}

}  // namespace taiga::jobs
