// taiga-convert-bench: a throw-away command line over RunConvertCommand, built by
// bench/convert.sh until `taiga convert` exists. Usage: FROM TO IN OUT [ENCODING]
// For TableCSV → columnar, TAIGA_BENCH_ZLIB_LEVEL=n uses zlib level n instead of the
// original's 6 (faster, but no longer byte for byte what the original writes) and
// TAIGA_BENCH_COMPRESSION_THREADS=n compresses on n threads (default: one per hardware thread).
#include <cstdlib>
#include <string>

#include "convert/convert_command.h"
#include "convert/file_byte_sink.h"
#include "convert/file_byte_source.h"
#include "convert/table_import.h"

namespace {

int ImportTableWith(const char* input, const char* output, int level, size_t threads) {
  using namespace taiga::convert;
  auto in = FileByteSource::Open(input);
  auto out = FileByteSink::Create(output);
  if (!in.ok() || !out.ok()) return 1;
  NullProgressSink progress;
  TableImportOptions options;
  options.writer.compression_level = level;
  options.writer.compression_threads = threads;
  auto s = ImportTable(**in, options, **out, progress);
  if (!s.ok()) {
    std::cerr << s.status().message() << "\n";
    return 1;
  }
  std::cout << s->short_summary << " (zlib level " << level << ", " << threads
            << " compression threads; 0: one per hardware thread)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: taiga-convert-bench FROM TO IN OUT [ENCODING]\n";
    return 2;
  }
  const char* level = std::getenv("TAIGA_BENCH_ZLIB_LEVEL");
  const char* threads = std::getenv("TAIGA_BENCH_COMPRESSION_THREADS");
  if ((level != nullptr || threads != nullptr) && std::string(argv[1]) == "TableCSV") {
    return ImportTableWith(argv[3], argv[4], level != nullptr ? std::atoi(level) : -1,
                           threads != nullptr ? std::strtoul(threads, nullptr, 10) : 0);
  }
  taiga::convert::ConvertCommandOptions options;
  if (argc > 5) options.encoding = argv[5];
  return taiga::convert::RunConvertCommand(argv[1], argv[2], argv[3], argv[4], options);
}
