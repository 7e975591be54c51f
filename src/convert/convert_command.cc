#include "convert/convert_command.h"

#include "convert/file_byte_sink.h"
#include "convert/file_byte_source.h"
#include "convert/gzip_copy.h"
#include "convert/matrix_export.h"
#include "convert/matrix_import.h"
#include "convert/table_export.h"
#include "convert/table_import.h"

namespace taiga::convert {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

common::Status Run(const std::string& from, const std::string& to, const std::string& input,
                   const std::string& output, const ConvertCommandOptions& o, bool& known) {
  known = true;
  NullProgressSink progress;
  TAIGA_ASSIGN_OR_RETURN(TextEncoding encoding, ParseTextEncoding(o.encoding));
  std::ostream& out = *o.out;
  if ((from == "numericmatrixcsv" || from == "numericmatrixtsv" || from == "gct") && to == "hdf5") {
    MatrixFormat format = from == "gct"                ? MatrixFormat::kGct
                          : from == "numericmatrixtsv" ? MatrixFormat::kTsv
                                                       : MatrixFormat::kCsv;
    TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<FileByteSource> in, FileByteSource::Open(input));
    TAIGA_ASSIGN_OR_RETURN(MatrixImportSummary s,
                           ImportMatrix(*in, {format, encoding}, output, progress));
    out << s.short_summary << "\n";
    return common::Status::Ok();
  }
  if (from == "hdf5" && (to == "csv" || to == "tsv" || to == "gct")) {
    MatrixFormat format = to == "gct"   ? MatrixFormat::kGct
                          : to == "tsv" ? MatrixFormat::kTsv
                                        : MatrixFormat::kCsv;
    TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<FileByteSink> sink, FileByteSink::Create(output));
    TAIGA_ASSIGN_OR_RETURN(uint64_t rows, ExportMatrix(input, {format}, *sink, progress));
    out << rows << " rows\n";
    return common::Status::Ok();
  }
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<FileByteSource> in, FileByteSource::Open(input));
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<FileByteSink> sink, FileByteSink::Create(output));
  if ((from == "tablecsv" || from == "tabletsv") && to == "columnar") {
    TableImportOptions options{from == "tabletsv" ? '\t' : ',', encoding};
    TAIGA_ASSIGN_OR_RETURN(TableImportSummary s, ImportTable(*in, options, *sink, progress));
    out << s.short_summary << "\n";
    for (const auto& [name, type] : s.column_types) out << name << "\t" << type << "\n";
    return common::Status::Ok();
  }
  if (from == "columnar" && (to == "csv" || to == "tsv")) {
    TableExportOptions options{to == "tsv" ? '\t' : ',', encoding};
    TAIGA_ASSIGN_OR_RETURN(uint64_t rows, ExportTable(*in, options, *sink, progress));
    out << rows << " rows\n";
    return common::Status::Ok();
  }
  if (to == "raw_test") {
    GzipOptions gzip;  // level 9, as the original; every core
    gzip.threads = 0;
    TAIGA_ASSIGN_OR_RETURN(GzipCopySummary s, GzipCopy(*in, *sink, gzip));
    out << s.bytes_in << " bytes, " << s.bytes_out << " compressed\n";
    return common::Status::Ok();
  }
  known = false;
  return common::InvalidArgument("no conversion from " + from + " to " + to);
}

}  // namespace

int RunConvertCommand(std::string_view from, std::string_view to, const std::string& input,
                      const std::string& output, const ConvertCommandOptions& options) {
  bool known = false;
  common::Status s = Run(Lower(from), Lower(to), input, output, options, known);
  if (s.ok()) return 0;
  *options.err << "taiga convert: " << s.message() << "\n";
  if (!known) {
    *options.err << "conversions: TableCSV|TableTSV -> columnar; NumericMatrixCSV|"
                    "NumericMatrixTSV|GCT -> hdf5; columnar -> csv|tsv; hdf5 -> csv|tsv|gct; "
                    "any -> raw_test\n";
    return 2;
  }
  return 1;
}

}  // namespace taiga::convert
