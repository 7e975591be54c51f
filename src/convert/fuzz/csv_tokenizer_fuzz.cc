// libFuzzer target for CsvTokenizer: any bytes, any dialect, any read size. Checks that the
// tokenizer never crashes and that the records (or the error) do not depend on where the
// input is split into blocks, nor on whether plain lines are taken with NextPlainLine. Built
// only by src/convert/fuzz/run.sh (clang -fsanitize=fuzzer, which defines TAIGA_CONVERT_FUZZ);
// in the normal build this file compiles to nothing.
#ifdef TAIGA_CONVERT_FUZZ

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "convert/csv_tokenizer.h"

namespace {

using taiga::convert::CsvRecord;
using taiga::convert::CsvTokenizer;
using taiga::convert::StringByteSource;
using taiga::convert::TextEncoding;

// All records as one string (fields separated by \x1F, records by \x1E), or the error. With
// `plain`, lines NextPlainLine takes are split at the delimiter here instead.
std::string Run(const std::string& input, char delimiter, TextEncoding encoding, size_t max_read,
                size_t read_size, bool plain = false) {
  StringByteSource source(input, max_read);
  CsvTokenizer tokenizer(source, {delimiter, encoding, read_size});
  CsvRecord record;
  std::string out;
  for (;;) {
    std::string_view line;
    uint64_t number = 0;
    if (plain && tokenizer.NextPlainLine(&line, &number)) {
      for (char c : line) out.push_back(c == delimiter ? '\x1F' : c);
      out += "\x1F\x1E";
      continue;
    }
    auto more = tokenizer.Next(record);
    if (!more.ok()) return out + "ERROR:" + more.status().message();
    if (!*more) return out;
    if (record.empty()) std::abort();  // blank lines are skipped, records have fields
    for (size_t i = 0; i < record.size(); ++i) out.append(record[i]).push_back('\x1F');
    out.push_back('\x1E');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const char delimiter = (data[0] & 1) ? '\t' : ',';
  const TextEncoding encoding = static_cast<TextEncoding>((data[0] >> 1) % 4);
  const size_t max_read = 1 + data[1] % 7;
  std::string input(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::string whole = Run(input, delimiter, encoding, SIZE_MAX, 1 << 16);
  std::string pieces = Run(input, delimiter, encoding, max_read, 16);
  if (whole != pieces) std::abort();
  if (Run(input, delimiter, encoding, max_read, 16, true) != whole) std::abort();
  if (Run(input, delimiter, encoding, SIZE_MAX, 1 << 16, true) != whole) std::abort();
  return 0;
}

#endif  // TAIGA_CONVERT_FUZZ
