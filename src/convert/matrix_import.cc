#include "convert/matrix_import.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <limits>

#include "convert/column_type_inferrer.h"
#include "convert/csv_tokenizer.h"
#include "convert/hdf5_matrix_writer.h"
#include "convert/name_lists.h"
#include "convert/python_number.h"

namespace taiga::convert {
namespace {

constexpr uint64_t kProgressEvery = 10000;

struct Shape {
  size_t header_records = 1;  // records before the first row (3 in a GCT file)
  size_t labels = 1;          // fields before the values: name (and GCT description)
  std::vector<std::string> columns;
};

std::string L(uint64_t line) { return "Line " + std::to_string(line); }

std::string Quoted(std::string_view v) {
  return "\"" + std::string(v.substr(0, 40)) + (v.size() > 40 ? "...\"" : "\"");
}

common::Status Invalid(std::string m) { return common::InvalidArgument(std::move(m)); }

common::Status NoValues(std::string_view name, uint64_t line, char delimiter) {
  return Invalid(L(line) + ": found only a row name (" + Quoted(name) +
                 ") and no values. Is the delimiter right? This import splits fields at " +
                 (delimiter == '\t' ? "tabs." : "'" + std::string(1, delimiter) + "'."));
}

// GCT lines 1-3: "#1.2", "rows<TAB>columns", "Name<TAB>Description<TAB>names...".
common::Status GctHeader(CsvTokenizer& t, Shape& s, uint64_t& declared_rows) {
  CsvRecord r;
  auto only = [&](size_t n) {
    for (size_t i = n; i < r.size(); ++i) {
      if (!r[i].empty()) return false;
    }
    return r.size() >= n;
  };
  TAIGA_ASSIGN_OR_RETURN(bool any, t.Next(r));
  if (!any) return Invalid("This file appears to be empty.");
  if (r[0] != "#1.2" || !only(1)) {
    return Invalid(L(r.line()) + ": expected the GCT version line \"#1.2\", found " + Quoted(r[0]) +
                   ". Only GCT version 1.2 files can be imported.");
  }
  TAIGA_ASSIGN_OR_RETURN(any, t.Next(r));
  int64_t rows = -1, cols = -1;
  if (!any || !only(2) || ParsePythonInt(r[0], &rows) != IntParse::kInt ||
      ParsePythonInt(r[1], &cols) != IntParse::kInt || rows < 0 || cols < 1) {
    return Invalid(
        "Line 2: expected the matrix size (the number of rows, a tab, the number "
        "of columns), found " +
        (any ? Quoted(r[0]) : std::string("nothing")) + ".");
  }
  TAIGA_ASSIGN_OR_RETURN(any, t.Next(r));
  if (!any || r.size() != static_cast<size_t>(cols) + 2) {
    return Invalid("Line 3: expected " + std::to_string(cols + 2) +
                   " fields (Name, Description and the " + std::to_string(cols) +
                   " column names of line 2), found " + std::to_string(any ? r.size() : 0) + ".");
  }
  for (size_t i = 2; i < r.size(); ++i) s.columns.emplace_back(r[i]);
  s.header_records = 3;
  s.labels = 2;
  declared_rows = static_cast<uint64_t>(rows);
  return common::Status::Ok();
}

// CSV/TSV line 1 and 2: pandas or R style header.
common::Status TextHeader(const CsvRecord& header, const CsvRecord& first, char delimiter,
                          Shape& s) {
  size_t h = header.size();
  if (first.size() != h && first.size() != h + 1) {
    return Invalid("Line 2: expected " + std::to_string(h) + " fields (as the header, line 1) " +
                   "or " + std::to_string(h + 1) + " (R style: no header over the row names), " +
                   "but found " + std::to_string(first.size()) + ". Check the delimiter.");
  }
  for (size_t i = first.size() == h ? 1 : 0; i < h; ++i) s.columns.emplace_back(header[i]);
  return common::Status::Ok();
}

common::Status FieldCountError(const Shape& s, uint64_t line, size_t found) {
  return Invalid(L(line) + ": expected " + std::to_string(s.labels + s.columns.size()) +
                 " fields (" + (s.labels == 2 ? "name, description" : "a row name") + " and " +
                 std::to_string(s.columns.size()) + " values), but found " + std::to_string(found) +
                 ".");
}

common::Status BlankColumnNames(const Shape& s) {
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (s.columns[i].empty()) {
      return Invalid("Column name for column " + std::to_string(i + 1) + " was blank (line " +
                     std::to_string(s.header_records) + "): every matrix column needs a name.");
    }
  }
  return common::Status::Ok();
}

// The rows being gathered for the next HDF5 write, and what the summary keeps of them.
class RowBlock {
 public:
  RowBlock(const Shape& s, const MatrixImportOptions& o, Hdf5MatrixWriter& w,
           MatrixImportSummary& sum)
      : s_(s),
        w_(w),
        sum_(sum),
        cols_(s.columns.size()),
        block_rows_(std::max<uint64_t>(1, o.block_bytes / 8 / cols_)),
        preview_cols_(std::min(cols_, kPreviewMaxColumns)) {}

  // Starts a row with its labels (writing the previous block first when it is full).
  common::Status Begin(std::string_view name, std::string_view description) {
    FillPreviewRow();
    if (names_.size() == block_rows_) TAIGA_RETURN_IF_ERROR(Flush(false));
    names_.emplace_back(name);
    if (s_.labels == 2) descriptions_.emplace_back(description);
    if (first_names_.size() < 15) {
      first_names_.emplace_back(name);
    } else {
      last_names_.emplace_back(name);
      if (last_names_.size() > 15) last_names_.pop_front();
    }
    if (rows_ < kPreviewMaxRows) {
      sum_.preview.data.emplace_back(preview_cols_);
      sum_.preview.row_names->emplace_back(name);
    }
    ++rows_;
    return common::Status::Ok();
  }
  // The next value of the current row.
  void Value(double d) { values_.push_back(d); }
  // A cell the fast path did not take: NA, empty, or whatever Python's float() accepts.
  common::Status Cell(size_t j, std::string_view v, uint64_t line) {
    double d = std::numeric_limits<double>::quiet_NaN();
    if (!IsMissingToken(v) && !ParsePythonFloat(v, &d)) {
      return Invalid(L(line) + ", column " + std::to_string(s_.labels + j + 1) + " (" +
                     Quoted(s_.columns[j]) + "): expected a number, NA or an empty cell, " +
                     "found " + Quoted(v) + ".");
    }
    Value(d);
    return common::Status::Ok();
  }
  // Writes the rows gathered; `last`: no more follow.
  common::Status Flush(bool last) {
    FillPreviewRow();
    for (double d : values_) sum_.na_count += std::isnan(d) ? 1 : 0;
    TAIGA_RETURN_IF_ERROR(w_.AppendRows(values_, names_, descriptions_, last));
    values_.clear();
    names_.clear();
    descriptions_.clear();
    return common::Status::Ok();
  }
  uint64_t rows() const { return rows_; }
  // "first 15 ... last 15" row names.
  std::string RowNames() const {
    std::vector<std::string> last(last_names_.begin(), last_names_.end());
    std::string out = ShortenedList(first_names_);
    if (rows_ > 30) {
      out += " ... " + ShortenedList(last);
    } else if (!last.empty()) {
      out += ", " + ShortenedList(last);
    }
    return out;
  }

 private:
  // The preview cells of the row just completed, when it is one of the first rows.
  void FillPreviewRow() {
    if (previewed_ == rows_ || previewed_ >= kPreviewMaxRows) return;
    const double* row = values_.data() + values_.size() - cols_;
    std::vector<PreviewValue>& cells = sum_.preview.data[previewed_++];
    for (size_t j = 0; j < preview_cols_; ++j) {
      if (std::isfinite(row[j])) cells[j] = row[j];
    }
  }

  const Shape& s_;
  Hdf5MatrixWriter& w_;
  MatrixImportSummary& sum_;
  const size_t cols_;
  const uint64_t block_rows_;
  const size_t preview_cols_;
  std::vector<double> values_;
  std::vector<std::string> names_, descriptions_;
  std::vector<std::string> first_names_;
  std::deque<std::string> last_names_;
  uint64_t rows_ = 0;
  uint64_t previewed_ = 0;  // rows whose preview cells are filled in
};

// A row whose line is plain (CsvTokenizer::NextPlainLine), parsed in place.
common::Status PlainRow(std::string_view line, uint64_t number, const Shape& s, char delimiter,
                        RowBlock& block) {
  const char* p = line.data();
  const char* const end = p + line.size();
  auto fields = [&] {
    return 1 + static_cast<size_t>(std::count(line.begin(), line.end(), delimiter));
  };
  std::string_view labels[2];
  for (size_t k = 0; k < s.labels; ++k) {
    const char* f = static_cast<const char*>(std::memchr(p, delimiter, end - p));
    if (f == nullptr) {
      if (k == 0) return NoValues(line, number, delimiter);
      return FieldCountError(s, number, fields());
    }
    labels[k] = std::string_view(p, f - p);
    p = f + 1;
  }
  TAIGA_RETURN_IF_ERROR(block.Begin(labels[0], labels[1]));
  const size_t cols = s.columns.size();
  for (size_t j = 0; j < cols; ++j) {
    double d;
    const char* q = ParsePlainDecimal(p, end, &d);
    if (q != nullptr && (q == end || *q == delimiter)) {
      block.Value(d);
    } else {
      q = static_cast<const char*>(std::memchr(p, delimiter, end - p));
      if (q == nullptr) q = end;
      common::Status cell = block.Cell(j, std::string_view(p, q - p), number);
      if (!cell.ok())
        return fields() != s.labels + cols ? FieldCountError(s, number, fields()) : cell;
    }
    if (j + 1 < cols ? q == end : q != end) return FieldCountError(s, number, fields());
    p = q + 1;
  }
  return common::Status::Ok();
}

// A row read as a record (quotes, CR line ends, non-ASCII names, a line across reads).
common::Status RecordRow(const CsvRecord& r, const Shape& s, char delimiter, RowBlock& block) {
  if (r.size() == 1 && s.labels == 1) return NoValues(r[0], r.line(), delimiter);
  if (r.size() != s.labels + s.columns.size()) return FieldCountError(s, r.line(), r.size());
  TAIGA_RETURN_IF_ERROR(block.Begin(r[0], s.labels == 2 ? r[1] : std::string_view()));
  for (size_t j = 0; j < s.columns.size(); ++j) {
    TAIGA_RETURN_IF_ERROR(block.Cell(j, r[s.labels + j], r.line()));
  }
  return common::Status::Ok();
}

common::Result<MatrixImportSummary> Run(CsvTokenizer& t, const MatrixImportOptions& o,
                                        char delimiter, const std::string& path,
                                        ProgressSink& progress) {
  // The header, and the first row (it decides pandas or R style).
  Shape s;
  CsvRecord header, r;
  uint64_t declared_rows = 0;
  if (o.format == MatrixFormat::kGct) {
    TAIGA_RETURN_IF_ERROR(GctHeader(t, s, declared_rows));
  } else {
    TAIGA_ASSIGN_OR_RETURN(bool any, t.Next(header));
    if (!any) return Invalid("This file appears to be empty.");
  }
  TAIGA_ASSIGN_OR_RETURN(bool any_row, t.Next(r));
  if (!any_row) {
    return Invalid(L(s.header_records) +
                   " is the last line of the header but no rows follow "
                   "it: a matrix needs at least one row of numbers.");
  }
  if (o.format != MatrixFormat::kGct) {
    if (r.size() == 1) return NoValues(r[0], r.line(), delimiter);
    TAIGA_RETURN_IF_ERROR(TextHeader(header, r, delimiter, s));
  }
  TAIGA_RETURN_IF_ERROR(BlankColumnNames(s));

  MatrixImportSummary sum;
  sum.columns = s.columns.size();
  sum.preview.num_columns = s.columns.size();
  sum.preview.row_names.emplace();
  for (size_t i = 0; i < s.columns.size() && i < kPreviewMaxColumns; ++i) {
    sum.preview.column_names.push_back(s.columns[i]);
  }
  TAIGA_ASSIGN_OR_RETURN(
      std::unique_ptr<Hdf5MatrixWriter> w,
      Hdf5MatrixWriter::Create(path, s.columns.size(), o.format == MatrixFormat::kGct));
  RowBlock block(s, o, *w, sum);
  TAIGA_RETURN_IF_ERROR(RecordRow(r, s, delimiter, block));
  for (;;) {
    std::string_view line;
    uint64_t number = 0;
    if (t.NextPlainLine(&line, &number)) {  // most lines: parsed in place
      TAIGA_RETURN_IF_ERROR(PlainRow(line, number, s, delimiter, block));
    } else {
      TAIGA_ASSIGN_OR_RETURN(bool more, t.Next(r));
      if (!more) break;
      TAIGA_RETURN_IF_ERROR(RecordRow(r, s, delimiter, block));
    }
    if (block.rows() % kProgressEvery == 0) {
      const std::string message = "Conversion in progress, line " + std::to_string(t.lines_read());
      TAIGA_RETURN_IF_ERROR(
          o.input_bytes > 0
              ? progress.Report(std::min(t.bytes_read(), o.input_bytes), o.input_bytes, message)
              : progress.Report(block.rows(), declared_rows, message));
    }
  }
  if (o.format == MatrixFormat::kGct && block.rows() != declared_rows) {
    return Invalid("Line 2 declares " + std::to_string(declared_rows) + " rows, but " +
                   std::to_string(block.rows()) + " follow the header.");
  }
  TAIGA_RETURN_IF_ERROR(block.Flush(true));
  TAIGA_RETURN_IF_ERROR(w->WriteColumnNames(s.columns));
  TAIGA_RETURN_IF_ERROR(w->Close());
  sum.rows = block.rows();
  sum.preview.num_rows = sum.rows;
  sum.short_summary = std::to_string(sum.rows) + "x" + std::to_string(s.columns.size()) +
                      " matrix, " + std::to_string(sum.na_count) + " NAs";
  sum.long_summary =
      "Column names: " + ShortenedList(s.columns) + "\nRow names: " + block.RowNames() + "\n";
  return sum;
}

}  // namespace

common::Result<MatrixImportSummary> ImportMatrix(ByteSource& input,
                                                 const MatrixImportOptions& options,
                                                 const std::string& hdf5_path,
                                                 ProgressSink& progress) {
  const char delimiter = options.format == MatrixFormat::kCsv ? ',' : '\t';
  CsvTokenizer tokenizer(input, {delimiter, options.encoding});
  common::Result<MatrixImportSummary> r = Run(tokenizer, options, delimiter, hdf5_path, progress);
  if (!r.ok()) {
    std::error_code ignored;
    std::filesystem::remove(hdf5_path, ignored);
  }
  return r;
}

}  // namespace taiga::convert
