#include "convert/table_export.h"

#include <bit>
#include <charconv>
#include <cmath>

#include "convert/columnar_reader.h"
#include "convert/csv_writer.h"
#include "convert/python_float_format.h"

namespace taiga::convert {
namespace {

constexpr size_t kNpos = std::string_view::npos;
constexpr uint64_t kHeader = UINT64_MAX;  // the row number of the header in messages

template <typename T>
void AppendInteger(T v, std::string& out) {
  char b[24];
  auto r = std::to_chars(b, b + sizeof(b), v);
  out.append(b, r.ptr);
}

std::string_view MissingText(MissingCode code) { return code == MissingCode::kNa ? "NA" : ""; }

class Exporter {
 public:
  Exporter(ColumnarReader& reader, const TableExportOptions& options, ByteSink& output)
      : r_(reader), options_(options), w_(output, options.delimiter) {}

  common::Status Text(std::string_view stored, uint64_t row, size_t column) {
    scratch_.clear();
    size_t bad = AppendStoredStringEncoded(options_.encoding, stored, scratch_);
    if (bad != kNpos) {
      return common::InvalidArgument(
          (row == kHeader ? std::string("The name of column ") + std::to_string(column + 1)
                          : "Row " + std::to_string(row + 1) + ", column \"" +
                                r_.columns()[column].name + "\"") +
          ": the text cannot be written as " + std::string(TextEncodingName(options_.encoding)) +
          " (it holds the bytes " + HexBytesAt(stored, bad) + "); export it as utf-8.");
    }
    w_.Field(scratch_);
    return common::Status::Ok();
  }

  common::Status Cell(size_t c, size_t i, uint64_t row) {
    switch (r_.columns()[c].type) {
      case ColumnType::kString:
        return Text(r_.String(c, i), row, c);
      case ColumnType::kInt32:
        AppendInteger(r_.Int32(c, i), w_.StartField());
        break;
      case ColumnType::kInt64: {
        MissingCode m = r_.Int64Missing(c, i);
        if (m == MissingCode::kPresent) {
          AppendInteger(r_.Int64(c, i), w_.StartField());
        } else {
          w_.PlainField(MissingText(m));
        }
        break;
      }
      case ColumnType::kFloat64: {
        double d = r_.Float64(c, i);
        uint64_t bits = std::bit_cast<uint64_t>(d);
        if (bits == kNaBits || bits == kEmptyBits) {
          w_.PlainField(bits == kNaBits ? "NA" : "");
        } else {
          AppendPythonFloatRepr(d, w_.StartField());
        }
        break;
      }
      case ColumnType::kBool: {
        static constexpr std::string_view kText[] = {"False", "True", "NA", ""};
        uint8_t b = r_.Bool(c, i);
        w_.PlainField(b < 4 ? kText[b] : "True");
        break;
      }
    }
    return common::Status::Ok();
  }

  common::Result<uint64_t> Run(ProgressSink& progress) {
    const size_t ncols = r_.columns().size();
    for (size_t c = 0; c < ncols; ++c)
      TAIGA_RETURN_IF_ERROR(Text(r_.columns()[c].name, kHeader, c));
    TAIGA_RETURN_IF_ERROR(w_.EndRow());
    uint64_t rows = 0;
    for (;;) {
      TAIGA_ASSIGN_OR_RETURN(bool more, r_.NextBlock());
      if (!more) break;
      for (size_t i = 0; i < r_.block_rows(); ++i, ++rows) {
        for (size_t c = 0; c < ncols; ++c) TAIGA_RETURN_IF_ERROR(Cell(c, i, rows));
        TAIGA_RETURN_IF_ERROR(w_.EndRow());
      }
      TAIGA_RETURN_IF_ERROR(progress.Report(rows, 0, "Exported " + std::to_string(rows) + " rows"));
    }
    TAIGA_RETURN_IF_ERROR(w_.Finish());
    return rows;
  }

 private:
  ColumnarReader& r_;
  const TableExportOptions& options_;
  CsvWriter w_;
  std::string scratch_;
};

}  // namespace

common::Result<uint64_t> ExportTable(ByteSource& columnar, const TableExportOptions& options,
                                     ByteSink& output, ProgressSink& progress) {
  ColumnarReader reader(columnar);
  TAIGA_RETURN_IF_ERROR(reader.ReadHeader());
  Exporter exporter(reader, options, output);
  TAIGA_ASSIGN_OR_RETURN(uint64_t rows, exporter.Run(progress));
  TAIGA_RETURN_IF_ERROR(output.Flush());
  return rows;
}

}  // namespace taiga::convert
