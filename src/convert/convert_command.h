// RunConvertCommand: the body of `taiga convert --from F --to T IN OUT` (the CLI wiring is the
// caller's): converts one local file with this library and prints the summary. Formats:
//   --from TableCSV|TableTSV                     --to columnar
//   --from NumericMatrixCSV|NumericMatrixTSV|GCT --to hdf5
//   --from columnar                              --to csv|tsv
//   --from hdf5                                  --to csv|tsv|gct
//   --from anything                              --to raw_test (a gzip copy)
// Format names are case-insensitive. Thread-safe apart from the streams it prints to.
#pragma once

#include <iostream>
#include <string>
#include <string_view>

namespace taiga::convert {

struct ConvertCommandOptions {
  std::string encoding = {};       // the input's (imports) or output's (table exports); "" = utf-8
  std::ostream* out = &std::cout;  // the summary
  std::ostream* err = &std::cerr;  // errors
};

// Returns 0 when the conversion succeeded, 1 when it failed (the message is printed to
// `err`), 2 for an unknown format or conversion.
int RunConvertCommand(std::string_view from, std::string_view to, const std::string& input,
                      const std::string& output, const ConvertCommandOptions& options = {});

}  // namespace taiga::convert
