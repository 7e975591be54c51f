#include "convert/matrix_import.h"

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
  uint64_t rows = 0;
};

// The first and last 15 row names, for the long summary.
struct NameSample {
  std::vector<std::string> first;
  std::deque<std::string> last;
};

std::string L(uint64_t line) { return "Line " + std::to_string(line); }

std::string Quoted(std::string_view v) {
  return "\"" + std::string(v.substr(0, 40)) + (v.size() > 40 ? "...\"" : "\"");
}

common::Status Invalid(std::string m) { return common::InvalidArgument(std::move(m)); }

common::Status NoValues(const CsvRecord& r, char delimiter) {
  return Invalid(L(r.line()) + ": found only a row name (" + Quoted(r[0]) +
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
  if (first.size() == 1) return NoValues(first, delimiter);
  size_t h = header.size();
  if (first.size() != h && first.size() != h + 1) {
    return Invalid("Line 2: expected " + std::to_string(h) + " fields (as the header, line 1) " +
                   "or " + std::to_string(h + 1) + " (R style: no header over the row names), " +
                   "but found " + std::to_string(first.size()) + ". Check the delimiter.");
  }
  for (size_t i = first.size() == h ? 1 : 0; i < h; ++i) s.columns.emplace_back(header[i]);
  return common::Status::Ok();
}

// The record that starts on `line` (to quote it in an error found while skipping).
common::Result<CsvRecord> RecordAt(CsvTokenizer& t, uint64_t line) {
  TAIGA_RETURN_IF_ERROR(t.Rewind());
  CsvRecord r;
  for (;;) {
    TAIGA_ASSIGN_OR_RETURN(bool more, t.Next(r));
    if (!more) return common::Internal("the input changed while it was read");
    if (r.line() == line) return r;
  }
}

common::Status FieldCountError(const Shape& s, uint64_t line, size_t found) {
  return Invalid(L(line) + ": expected " + std::to_string(s.labels + s.columns.size()) +
                 " fields (" + (s.labels == 2 ? "name, description" : "a row name") + " and " +
                 std::to_string(s.columns.size()) + " values), but found " + std::to_string(found) +
                 ".");
}

// Pass 1: header, shape, row count. Rows after the first are skipped, not stored.
common::Result<Shape> Scan(CsvTokenizer& t, const MatrixImportOptions& o, char delimiter,
                           ProgressSink& progress) {
  Shape s;
  CsvRecord header, r;
  uint64_t declared_rows = 0;
  if (o.format == MatrixFormat::kGct) {
    TAIGA_RETURN_IF_ERROR(GctHeader(t, s, declared_rows));
  } else {
    TAIGA_ASSIGN_OR_RETURN(bool any, t.Next(header));
    if (!any) return Invalid("This file appears to be empty.");
  }
  for (;;) {
    size_t fields = 0;
    uint64_t line = 0;
    if (s.rows == 0) {  // the first row decides pandas or R style
      TAIGA_ASSIGN_OR_RETURN(bool more, t.Next(r));
      if (!more) break;
      if (o.format != MatrixFormat::kGct) {
        TAIGA_RETURN_IF_ERROR(TextHeader(header, r, delimiter, s));
      }
      fields = r.size();
      line = r.line();
    } else {
      TAIGA_ASSIGN_OR_RETURN(bool more, t.Skip(&fields, &line));
      if (!more) break;
    }
    if (fields == 1 && s.labels == 1) {
      TAIGA_ASSIGN_OR_RETURN(CsvRecord bad, RecordAt(t, line));
      return NoValues(bad, delimiter);
    }
    if (fields != s.labels + s.columns.size()) return FieldCountError(s, line, fields);
    if (++s.rows % kProgressEvery == 0) {
      TAIGA_RETURN_IF_ERROR(progress.Report(
          s.rows, 0,
          "Scanning through file to determine size (line " + std::to_string(t.lines_read()) + ")"));
    }
  }
  if (s.rows == 0) {
    return Invalid(L(s.header_records) +
                   " is the last line of the header but no rows follow "
                   "it: a matrix needs at least one row of numbers.");
  }
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (s.columns[i].empty()) {
      return Invalid("Column name for column " + std::to_string(i + 1) + " was blank (line " +
                     std::to_string(s.header_records) + "): every matrix column needs a name.");
    }
  }
  if (o.format == MatrixFormat::kGct && s.rows != declared_rows) {
    return Invalid("Line 2 declares " + std::to_string(declared_rows) + " rows, but " +
                   std::to_string(s.rows) + " follow the header.");
  }
  return s;
}

struct Block {
  uint64_t first = 0;
  std::vector<double> values;
  std::vector<std::string> names, descriptions;
};

// Pass 2: the numbers, in blocks, into the HDF5 file.
common::Status Convert(CsvTokenizer& t, const Shape& s, const MatrixImportOptions& o,
                       Hdf5MatrixWriter& w, MatrixImportSummary& sum, NameSample& sum_names,
                       ProgressSink& progress) {
  CsvRecord r;
  for (size_t i = 0; i < s.header_records; ++i) {
    TAIGA_ASSIGN_OR_RETURN(bool header, t.Next(r));
    if (!header) return common::Internal("the input changed between the two passes");
  }
  const size_t cols = s.columns.size();
  const uint64_t block_rows = std::max<uint64_t>(1, o.block_bytes / 8 / cols);
  const size_t preview_cols = std::min(cols, kPreviewMaxColumns);
  Block b;
  uint64_t row = 0;
  auto flush = [&]() -> common::Status {
    TAIGA_RETURN_IF_ERROR(w.WriteRows(b.first, b.values, b.names, b.descriptions));
    b.first = row;
    b.values.clear();
    b.names.clear();
    b.descriptions.clear();
    return common::Status::Ok();
  };
  const char delimiter = o.format == MatrixFormat::kCsv ? ',' : '\t';
  auto changed = [] { return common::Internal("the input changed between the two passes"); };
  std::vector<PreviewValue>* cells = nullptr;
  // The labels of a row; then its values one by one with `value`.
  auto begin_row = [&](std::string_view name, std::string_view description) {
    b.names.emplace_back(name);
    if (s.labels == 2) b.descriptions.emplace_back(description);
    if (sum_names.first.size() < 15) {
      sum_names.first.emplace_back(name);
    } else {
      sum_names.last.emplace_back(name);
      if (sum_names.last.size() > 15) sum_names.last.pop_front();
    }
    cells = nullptr;
    if (row < kPreviewMaxRows) {
      cells = &sum.preview.data.emplace_back(preview_cols);
      sum.preview.row_names->emplace_back(name);
    }
  };
  auto value = [&](size_t j, double d) {
    if (std::isnan(d)) ++sum.na_count;
    if (cells != nullptr && j < preview_cols && std::isfinite(d)) (*cells)[j] = d;
    b.values.push_back(d);
  };
  // A cell the fast path did not take: NA, empty, or whatever Python's float() accepts.
  auto parse_cell = [&](std::string_view v, uint64_t line, size_t j) -> common::Status {
    double d = std::numeric_limits<double>::quiet_NaN();
    if (!IsMissingToken(v) && !ParsePythonFloat(v, &d)) {
      return Invalid(L(line) + ", column " + std::to_string(s.labels + j + 1) + " (" +
                     Quoted(s.columns[j]) + "): expected a number, NA or an empty cell, " +
                     "found " + Quoted(v) + ".");
    }
    value(j, d);
    return common::Status::Ok();
  };
  for (;;) {
    std::string_view line;
    uint64_t number = 0;
    if (t.NextPlainLine(&line, &number)) {  // most lines: parsed in place
      if (row >= s.rows) return changed();
      const char* p = line.data();
      const char* const end = p + line.size();
      std::string_view labels[2];
      for (size_t k = 0; k < s.labels; ++k) {
        const char* f = static_cast<const char*>(std::memchr(p, delimiter, end - p));
        if (f == nullptr) return changed();
        labels[k] = std::string_view(p, f - p);
        p = f + 1;
      }
      begin_row(labels[0], labels[1]);
      for (size_t j = 0; j < cols; ++j) {
        double d;
        const char* q = ParsePlainDecimal(p, end, &d);
        if (q != nullptr && (q == end || *q == delimiter)) {
          value(j, d);
        } else {
          q = static_cast<const char*>(std::memchr(p, delimiter, end - p));
          if (q == nullptr) q = end;
          TAIGA_RETURN_IF_ERROR(parse_cell(std::string_view(p, q - p), number, j));
        }
        if (j + 1 < cols ? q == end : q != end) return changed();
        p = q + 1;
      }
    } else {
      TAIGA_ASSIGN_OR_RETURN(bool more, t.Next(r));
      if (!more) break;
      if (r.size() != s.labels + cols || row >= s.rows) return changed();
      begin_row(r[0], s.labels == 2 ? r[1] : std::string_view());
      for (size_t j = 0; j < cols; ++j) {
        TAIGA_RETURN_IF_ERROR(parse_cell(r[s.labels + j], r.line(), j));
      }
    }
    if (++row - b.first == block_rows) TAIGA_RETURN_IF_ERROR(flush());
    if (row % kProgressEvery == 0) {
      TAIGA_RETURN_IF_ERROR(progress.Report(
          row, s.rows, "Conversion in progress, line " + std::to_string(t.lines_read())));
    }
  }
  if (row != s.rows) return common::Internal("the input changed between the two passes");
  TAIGA_RETURN_IF_ERROR(flush());
  return w.WriteColumnNames(s.columns);
}

common::Result<MatrixImportSummary> Run(CsvTokenizer& t, const MatrixImportOptions& o,
                                        char delimiter, const std::string& path,
                                        ProgressSink& progress) {
  TAIGA_ASSIGN_OR_RETURN(Shape s, Scan(t, o, delimiter, progress));
  MatrixImportSummary sum;
  sum.rows = s.rows;
  sum.columns = s.columns.size();
  sum.preview.num_rows = s.rows;
  sum.preview.num_columns = s.columns.size();
  sum.preview.row_names.emplace();
  for (size_t i = 0; i < s.columns.size() && i < kPreviewMaxColumns; ++i) {
    sum.preview.column_names.push_back(s.columns[i]);
  }
  TAIGA_RETURN_IF_ERROR(t.Rewind());
  TAIGA_ASSIGN_OR_RETURN(
      std::unique_ptr<Hdf5MatrixWriter> w,
      Hdf5MatrixWriter::Create(path, s.rows, s.columns.size(), o.format == MatrixFormat::kGct));
  NameSample names;
  TAIGA_RETURN_IF_ERROR(Convert(t, s, o, *w, sum, names, progress));
  TAIGA_RETURN_IF_ERROR(w->Close());
  std::vector<std::string> last(names.last.begin(), names.last.end());
  std::string row_names = ShortenedList(names.first);
  if (s.rows > 30) {
    row_names += " ... " + ShortenedList(last);
  } else if (!last.empty()) {
    row_names += ", " + ShortenedList(last);
  }
  sum.short_summary = std::to_string(s.rows) + "x" + std::to_string(s.columns.size()) +
                      " matrix, " + std::to_string(sum.na_count) + " NAs";
  sum.long_summary =
      "Column names: " + ShortenedList(s.columns) + "\nRow names: " + row_names + "\n";
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
