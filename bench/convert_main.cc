// taiga-convert-bench: a throw-away command line over RunConvertCommand, built by
// bench/convert.sh until `taiga convert` exists. Usage: FROM TO IN OUT [ENCODING]
// With TAIGA_BENCH_ZLIB_LEVEL=n, TableCSV → columnar uses zlib level n instead of the
// original's 6 (faster, but no longer byte for byte what the original writes).
#include <cstdlib>
#include <string>

#include "convert/convert_command.h"
#include "convert/file_byte_sink.h"
#include "convert/file_byte_source.h"
#include "convert/table_import.h"

namespace {

int ImportTableAtLevel(const char* input, const char* output, int level) {
  using namespace taiga::convert;
  auto in = FileByteSource::Open(input);
  auto out = FileByteSink::Create(output);
  if (!in.ok() || !out.ok()) return 1;
  NullProgressSink progress;
  TableImportOptions options;
  options.writer.compression_level = level;
  auto s = ImportTable(**in, options, **out, progress);
  if (!s.ok()) {
    std::cerr << s.status().message() << "\n";
    return 1;
  }
  std::cout << s->short_summary << " (zlib level " << level << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: taiga-convert-bench FROM TO IN OUT [ENCODING]\n";
    return 2;
  }
  const char* level = std::getenv("TAIGA_BENCH_ZLIB_LEVEL");
  if (level != nullptr && std::string(argv[1]) == "TableCSV") {
    return ImportTableAtLevel(argv[3], argv[4], std::atoi(level));
  }
  taiga::convert::ConvertCommandOptions options;
  if (argc > 5) options.encoding = argv[5];
  return taiga::convert::RunConvertCommand(argv[1], argv[2], argv[3], argv[4], options);
}
