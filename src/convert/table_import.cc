#include "convert/table_import.h"

#include <bit>
#include <cmath>

#include "convert/column_type_inferrer.h"
#include "convert/csv_tokenizer.h"
#include "convert/name_lists.h"
#include "convert/python_number.h"

namespace taiga::convert {
namespace {

constexpr uint64_t kProgressEvery = 10000;

struct Shape {
  std::vector<std::string> header;  // with "" prepended for R-style row names
  bool row_names = false;
  uint64_t rows = 0;
  std::vector<ColumnTypeInferrer> types;
};

common::Status FieldCountError(uint64_t line, size_t found, size_t expected) {
  return common::InvalidArgument(
      "Line " + std::to_string(line) + ": expected " + std::to_string(expected) +
      " fields, as in the header (line 1), but found " + std::to_string(found) +
      ". Check the delimiter, and that quoted fields are closed.");
}

// The next record's fields (views valid until the next call) and the line it starts on: plain
// lines split in place, others read as records. False at the end.
class FieldReader {
 public:
  explicit FieldReader(CsvTokenizer& t, char delimiter) : t_(t), delimiter_(delimiter) {}

  common::Result<bool> Next() {
    std::string_view line;
    if (t_.NextPlainLine(&line, &line_)) {
      CsvTokenizer::SplitPlainLine(line, delimiter_, fields_);
      return true;
    }
    TAIGA_ASSIGN_OR_RETURN(bool more, t_.Next(record_));
    fields_.clear();
    if (!more) return false;
    for (size_t i = 0; i < record_.size(); ++i) fields_.push_back(record_[i]);
    line_ = record_.line();
    return true;
  }
  const std::vector<std::string_view>& fields() const { return fields_; }
  uint64_t line() const { return line_; }

 private:
  CsvTokenizer& t_;
  const char delimiter_;
  CsvRecord record_;
  std::vector<std::string_view> fields_;
  uint64_t line_ = 0;
};

// Pass 1: header, field counts, types.
common::Result<Shape> Scan(CsvTokenizer& tokenizer, char delimiter, ProgressSink& progress) {
  Shape shape;
  FieldReader reader(tokenizer, delimiter);
  TAIGA_ASSIGN_OR_RETURN(bool any, reader.Next());
  if (!any) return common::InvalidArgument("This file appears to be empty.");
  for (std::string_view name : reader.fields()) shape.header.emplace_back(name);
  size_t width = shape.header.size();
  for (;;) {
    TAIGA_ASSIGN_OR_RETURN(bool more, reader.Next());
    if (!more) break;
    const std::vector<std::string_view>& record = reader.fields();
    if (shape.rows == 0 && record.size() == width + 1) {  // R style: no name over row names
      shape.row_names = true;
      shape.header.insert(shape.header.begin(), "");
      width += 1;
    }
    if (record.size() != width) return FieldCountError(reader.line(), record.size(), width);
    if (shape.types.empty()) shape.types.resize(width);
    for (size_t i = 0; i < width; ++i) shape.types[i].Add(record[i]);
    if (++shape.rows % kProgressEvery == 0) {
      TAIGA_RETURN_IF_ERROR(
          progress.Report(shape.rows, 0,
                          "Scanning through file to determine column types (line " +
                              std::to_string(tokenizer.lines_read()) + ")"));
    }
  }
  if (shape.rows == 0) {
    return common::InvalidArgument(
        "Line 1 is a header but no data rows follow it: a table needs at least one row below "
        "its header.");
  }
  return shape;
}

common::Status Changed(uint64_t line, size_t column) {
  return common::Internal("line " + std::to_string(line) + ", column " +
                          std::to_string(column + 1) + " changed between the two passes");
}

// Appends one cell of a typed column; adds it to the preview row when `cell` is set.
common::Status AppendCell(ColumnarWriter& w, size_t c, ColumnType type, std::string_view v,
                          uint64_t line, PreviewValue* cell) {
  const bool missing = IsMissingToken(v);
  switch (type) {
    case ColumnType::kString:
      w.AppendString(c, v);
      if (cell != nullptr && !missing) *cell = std::string(v);
      return common::Status::Ok();
    case ColumnType::kInt32:
    case ColumnType::kInt64: {
      int64_t i = 0;
      if (!missing && ParsePythonInt(v, &i) != IntParse::kInt) return Changed(line, c);
      if (type == ColumnType::kInt32) {
        w.AppendInt32(c, static_cast<int32_t>(i));
      } else {
        w.AppendInt64(c, i, missing ? MissingCodeOf(v) : MissingCode::kPresent);
      }
      if (cell != nullptr && !missing) *cell = i;
      return common::Status::Ok();
    }
    case ColumnType::kFloat64: {
      double d;
      if (missing) {
        d = std::bit_cast<double>(v.empty() ? kEmptyBits : kNaBits);
      } else if (!ParsePythonFloat(v, &d)) {
        return Changed(line, c);
      }
      w.AppendFloat64(c, d);
      if (cell != nullptr && std::isfinite(d)) *cell = d;
      return common::Status::Ok();
    }
    case ColumnType::kBool: {
      std::optional<uint8_t> b = ParseBoolToken(v);
      if (!missing && !b) return Changed(line, c);
      w.AppendBool(c, missing ? (v.empty() ? kBoolEmpty : kBoolNa) : *b);
      if (cell != nullptr && b) *cell = *b == kBoolTrue;
      return common::Status::Ok();
    }
  }
  return common::Status::Ok();
}

// Pass 2: every row into the writer, the first rows into the preview.
common::Status Convert(CsvTokenizer& tokenizer, char delimiter, const Shape& shape,
                       ColumnarWriter& w, DataPreview& preview, ProgressSink& progress) {
  FieldReader reader(tokenizer, delimiter);
  TAIGA_ASSIGN_OR_RETURN(bool any, reader.Next());  // the header
  if (!any) return common::Internal("the input changed between the two passes");
  const std::vector<ColumnSpec>& columns = w.columns();
  const size_t preview_columns = std::min(columns.size(), kPreviewMaxColumns);
  uint64_t row = 0;
  for (;;) {
    TAIGA_ASSIGN_OR_RETURN(bool more, reader.Next());
    if (!more) break;
    const std::vector<std::string_view>& record = reader.fields();
    if (record.size() != columns.size()) {
      return FieldCountError(reader.line(), record.size(), columns.size());
    }
    std::vector<PreviewValue>* cells = nullptr;
    if (row < kPreviewMaxRows) cells = &preview.data.emplace_back(preview_columns);
    for (size_t c = 0; c < columns.size(); ++c) {
      PreviewValue* cell = cells != nullptr && c < preview_columns ? &(*cells)[c] : nullptr;
      TAIGA_RETURN_IF_ERROR(AppendCell(w, c, columns[c].type, record[c], reader.line(), cell));
    }
    TAIGA_RETURN_IF_ERROR(w.EndRow());
    if (++row % kProgressEvery == 0) {
      TAIGA_RETURN_IF_ERROR(progress.Report(
          row, shape.rows,
          "Conversion in progress, line " + std::to_string(tokenizer.lines_read())));
    }
  }
  if (row != shape.rows) return common::Internal("the input changed between the two passes");
  return w.Finish();
}

TableImportSummary Summarise(const Shape& shape, const std::vector<ColumnSpec>& columns) {
  TableImportSummary s;
  s.rows = shape.rows;
  s.columns = columns;
  s.has_row_names = shape.row_names;
  s.short_summary =
      std::to_string(shape.rows) + " rows, " + std::to_string(columns.size()) + " columns";
  s.long_summary = "Column names: " + ShortenedList(shape.header) + "\n";
  size_t first = shape.row_names ? 1 : 0;
  std::vector<std::string> names(shape.header.begin() + first, shape.header.end());
  std::vector<std::string> pandas = PandasColumnNames(names);
  for (size_t i = 0; i < pandas.size(); ++i) {
    s.column_types.emplace_back(pandas[i], PandasDtypeName(columns[first + i].type));
  }
  s.preview.num_rows = shape.rows;
  s.preview.num_columns = columns.size();
  for (size_t i = 0; i < columns.size() && i < kPreviewMaxColumns; ++i) {
    s.preview.column_names.push_back(columns[i].name);
  }
  return s;
}

}  // namespace

common::Result<TableImportSummary> ImportTable(ByteSource& input, const TableImportOptions& options,
                                               ByteSink& output, ProgressSink& progress) {
  CsvTokenizer tokenizer(input, {options.delimiter, options.encoding});
  TAIGA_ASSIGN_OR_RETURN(Shape shape, Scan(tokenizer, options.delimiter, progress));
  std::vector<ColumnSpec> columns;
  for (size_t i = 0; i < shape.header.size(); ++i) {
    columns.push_back({shape.header[i], shape.types[i].Type()});
  }
  TableImportSummary summary = Summarise(shape, columns);
  TAIGA_RETURN_IF_ERROR(tokenizer.Rewind());
  ColumnarWriter writer(output, std::move(columns), options.writer);
  TAIGA_RETURN_IF_ERROR(writer.WriteHeader());
  TAIGA_RETURN_IF_ERROR(
      Convert(tokenizer, options.delimiter, shape, writer, summary.preview, progress));
  TAIGA_RETURN_IF_ERROR(output.Flush());
  return summary;
}

}  // namespace taiga::convert
