// ExportTable: a columnar table (ours or one Taiga 2 wrote) → CSV or TSV, formatted as the
// original exported it: the header row, then str as stored, int as decimal, float as
// Python's repr, "\r\n" line ends, minimal quoting. Missing values come back as they were
// written ("NA" or empty); booleans as True/False. Streams one block at a time.
// Thread-safe (no shared state); the caller owns the streams.
#pragma once

#include <cstdint>

#include "common/result.h"
#include "convert/byte_sink.h"
#include "convert/byte_source.h"
#include "convert/progress_sink.h"
#include "convert/text_encoding.h"

namespace taiga::convert {

struct TableExportOptions {
  char delimiter = ',';  // csv ','; tsv '\t'
  // The text encoding of the output. For tables Taiga 2 imported (it decoded every upload as
  // Latin-1) use kLatin1: that gives back its exports, and the uploaded bytes, exactly. For
  // tables we imported, the encoding the upload declared.
  TextEncoding encoding = TextEncoding::kUtf8;
};

// Writes the table in `columnar` to `output`; returns the number of data rows. The header
// row is written even for a table with no rows (the original wrote an empty file).
// Errors: InvalidArgument (a damaged columnar file; a text the output encoding cannot
// represent, naming row and column), the streams' and progress sink's errors.
common::Result<uint64_t> ExportTable(ByteSource& columnar, const TableExportOptions& options,
                                     ByteSink& output, ProgressSink& progress);

}  // namespace taiga::convert
