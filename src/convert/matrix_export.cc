#include "convert/matrix_export.h"

#include <cmath>

#include "convert/csv_writer.h"
#include "convert/hdf5_matrix_reader.h"
#include "convert/python_float_format.h"

namespace taiga::convert {

common::Result<uint64_t> ExportMatrix(const std::string& hdf5_path,
                                      const MatrixExportOptions& options, ByteSink& output,
                                      ProgressSink& progress) {
  using Names = Hdf5MatrixReader::Names;
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<Hdf5MatrixReader> r, Hdf5MatrixReader::Open(hdf5_path));
  const bool gct = options.format == MatrixFormat::kGct;
  const uint64_t rows = r->rows(), cols = r->columns();
  CsvWriter w(output, options.format == MatrixFormat::kCsv ? ',' : '\t');
  std::vector<std::string> names;
  TAIGA_RETURN_IF_ERROR(r->ReadNames(Names::kColumns, 0, cols, names));
  if (gct) {
    w.Field("#1.2");
    TAIGA_RETURN_IF_ERROR(w.EndRow());
    w.Field(std::to_string(rows));
    w.Field(std::to_string(cols));
    TAIGA_RETURN_IF_ERROR(w.EndRow());
    w.Field("Name");
    w.Field("Description");
  } else {
    w.Field("");
  }
  for (const std::string& n : names) w.Field(n);
  TAIGA_RETURN_IF_ERROR(w.EndRow());

  const uint64_t block =
      std::max<uint64_t>(1, options.block_bytes / 8 / std::max<uint64_t>(cols, 1));
  std::vector<double> values;
  std::vector<std::string> descriptions;
  for (uint64_t first = 0; first < rows; first += block) {
    const uint64_t n = std::min(block, rows - first);
    TAIGA_RETURN_IF_ERROR(r->ReadRows(first, n, values));
    TAIGA_RETURN_IF_ERROR(r->ReadNames(Names::kRows, first, n, names));
    if (gct && r->has_descriptions()) {
      TAIGA_RETURN_IF_ERROR(r->ReadNames(Names::kDescriptions, first, n, descriptions));
    }
    for (uint64_t i = 0; i < n; ++i) {
      w.Field(names[i]);
      if (gct) w.Field(r->has_descriptions() ? descriptions[i] : names[i]);
      const double* row = values.data() + i * cols;
      for (uint64_t j = 0; j < cols; ++j) {
        if (std::isnan(row[j])) {
          w.PlainField("NA");
        } else {
          AppendPythonFloatRepr(row[j], w.StartField());
        }
      }
      TAIGA_RETURN_IF_ERROR(w.EndRow());
    }
    TAIGA_RETURN_IF_ERROR(progress.Report(
        first + n, rows,
        "Exported " + std::to_string(first + n) + " of " + std::to_string(rows) + " rows"));
  }
  TAIGA_RETURN_IF_ERROR(w.Finish());
  TAIGA_RETURN_IF_ERROR(output.Flush());
  return rows;
}

}  // namespace taiga::convert
