#include "jobs/upload_import.h"

#include <atomic>
#include <memory>
#include <thread>

#include "convert/file_byte_source.h"
#include "convert/gzip_copy.h"
#include "convert/matrix_import.h"
#include "convert/table_import.h"
#include "convert/text_encoding.h"
#include "jobs/blob_streams.h"
#include "jobs/content_blobs.h"
#include "jobs/conversion_json.h"
#include "jobs/scratch_file.h"

namespace taiga::jobs {
namespace {

using domain::UploadFormat;

bool IsTable(UploadFormat f) {
  return f == UploadFormat::kTableCsv || f == UploadFormat::kTableTsv;
}

convert::MatrixFormat MatrixFormatOf(UploadFormat f) {
  if (f == UploadFormat::kNumericMatrixTsv) return convert::MatrixFormat::kTsv;
  if (f == UploadFormat::kGct) return convert::MatrixFormat::kGct;
  return convert::MatrixFormat::kCsv;
}

// Streams a local file into a new object and stores it as content.
common::Result<db::BlobRow> StoreFile(db::Database& db, blob::BlobStore& store,
                                      const common::Clock& clock, const std::string& path,
                                      const std::string& staged_key) {
  TAIGA_ASSIGN_OR_RETURN(auto source, convert::FileByteSource::Open(path));
  TAIGA_ASSIGN_OR_RETURN(auto writer, store.Write(staged_key));
  BlobByteSink sink(*writer);
  TAIGA_RETURN_IF_ERROR(Pump(*source, sink));
  return CommitAsContent(db, store, clock, *writer, staged_key);
}

// A source that stops (Aborted) once `stop` is set.
class StoppableByteSource final : public convert::ByteSource {
 public:
  StoppableByteSource(convert::ByteSource& inner, const std::atomic<bool>& stop)
      : inner_(inner), stop_(stop) {}
  common::Result<size_t> Read(char* buf, size_t n) override {
    if (stop_) return common::Aborted("stopped: the conversion failed");
    return inner_.Read(buf, n);
  }

 private:
  convert::ByteSource& inner_;
  const std::atomic<bool>& stop_;
};

// The gzip copy of the upload with the original's digests, staged (not yet stored: that is a
// database write, left to the job's own thread).
struct GzipPass {
  std::string staged;
  std::unique_ptr<blob::BlobWriter> writer;
  blob::StreamDigests digests;
  uint64_t bytes = 0;
  common::Status status;

  void Run(blob::BlobStore& store, const UploadImport& in, const std::atomic<bool>& stop) {
    status = [&]() -> common::Status {
      BlobByteSource upload(store, in.upload_key);
      StoppableByteSource stoppable(upload, stop);
      HashingByteSource hashed(stoppable);
      staged = StagingKey(in.job_id, "original.gz");
      TAIGA_ASSIGN_OR_RETURN(writer, store.Write(staged));
      BlobByteSink sink(*writer);
      convert::GzipOptions gzip;
      gzip.level = in.gzip_level;
      gzip.threads = in.columnar.compression_threads;  // the import's compression threads
      TAIGA_RETURN_IF_ERROR(convert::GzipCopy(hashed, sink, gzip).status());
      digests = hashed.Finish();
      bytes = hashed.bytes();
      return common::Status::Ok();
    }();
  }
};

// Joins a thread when it goes out of scope, after setting `stop` if it was not joined yet.
class StopAndJoin {
 public:
  StopAndJoin(std::thread& t, std::atomic<bool>& stop) : t_(t), stop_(stop) {}
  ~StopAndJoin() {
    if (t_.joinable()) {
      stop_ = true;
      t_.join();
    }
  }
  void Join() { t_.join(); }

 private:
  std::thread& t_;
  std::atomic<bool>& stop_;
};

}  // namespace

common::Result<db::ProcessedUpload> ImportUpload(db::Database& db, blob::BlobStore& store,
                                                 const common::Clock& clock, const UploadImport& in,
                                                 convert::ProgressSink& progress) {
  TAIGA_ASSIGN_OR_RETURN(auto encoding, convert::ParseTextEncoding(in.encoding.value_or("")));
  db::ProcessedUpload out;

  // The gzip copy (hashing the original) on a thread of its own while the converter runs.
  TAIGA_RETURN_IF_ERROR(progress.Report(0, 0, "Reading the upload"));
  std::atomic<bool> stop{false};
  GzipPass gzip;
  std::thread gzip_thread([&] { gzip.Run(store, in, stop); });
  StopAndJoin gzip_joiner(gzip_thread, stop);  // stops it if the conversion fails
  auto store_gzip_copy = [&]() -> common::Status {
    gzip_joiner.Join();
    TAIGA_RETURN_IF_ERROR(gzip.status);
    out.original_file_sha256 = gzip.digests.sha256;
    out.original_file_md5 = gzip.digests.md5;
    out.original_file_size = static_cast<int64_t>(gzip.bytes);
    TAIGA_ASSIGN_OR_RETURN(auto compressed,
                           CommitAsContent(db, store, clock, *gzip.writer, gzip.staged));
    out.compressed_blob_sha256 = compressed.sha256;
    return common::Status::Ok();
  };

  // The converter (two passes for tables, one for matrices).
  BlobByteSource upload(store, in.upload_key);
  if (IsTable(in.format)) {
    convert::TableImportOptions options;
    options.delimiter = in.format == UploadFormat::kTableTsv ? '\t' : ',';
    options.encoding = encoding;
    options.writer.compression_level = in.columnar.compression_level;
    options.writer.compression_threads = in.columnar.compression_threads;
    const std::string staged = StagingKey(in.job_id, "table.columnar");
    TAIGA_ASSIGN_OR_RETURN(auto writer, store.Write(staged));
    BlobByteSink sink(*writer);
    TAIGA_ASSIGN_OR_RETURN(auto summary, convert::ImportTable(upload, options, sink, progress));
    TAIGA_RETURN_IF_ERROR(progress.Report(summary.rows, summary.rows, "Storing the table"));
    TAIGA_ASSIGN_OR_RETURN(auto stored, CommitAsContent(db, store, clock, *writer, staged));
    out.converted_format = domain::StorageFormat::kColumnar;
    out.blob_sha256 = stored.sha256;
    out.short_summary = summary.short_summary;
    out.long_summary = summary.long_summary;
    out.column_types = ColumnTypesJson(summary.column_types);
    out.preview = PreviewJson(summary.preview);
    TAIGA_RETURN_IF_ERROR(store_gzip_copy());
    return out;
  }
  convert::MatrixImportOptions options;
  options.format = MatrixFormatOf(in.format);
  options.encoding = encoding;
  options.input_bytes = in.upload_bytes;
  TAIGA_ASSIGN_OR_RETURN(auto scratch,
                         ScratchFile::Create(in.scratch_dir, in.job_id, "import", ".hdf5"));
  TAIGA_ASSIGN_OR_RETURN(auto summary,
                         convert::ImportMatrix(upload, options, scratch.path(), progress));
  TAIGA_RETURN_IF_ERROR(progress.Report(summary.rows, summary.rows, "Storing the matrix"));
  TAIGA_ASSIGN_OR_RETURN(auto stored, StoreFile(db, store, clock, scratch.path(),
                                                StagingKey(in.job_id, "matrix.hdf5")));
  out.converted_format = domain::StorageFormat::kHdf5;
  out.blob_sha256 = stored.sha256;
  out.short_summary = summary.short_summary;
  out.long_summary = summary.long_summary;
  out.preview = PreviewJson(summary.preview);
  TAIGA_RETURN_IF_ERROR(store_gzip_copy());
  return out;
}

}  // namespace taiga::jobs
