#include "convert/csv_writer.h"

#include <gtest/gtest.h>

namespace taiga::convert {
namespace {

std::string Write(const std::vector<std::vector<std::string>>& rows, char delimiter = ',') {
  StringByteSink sink;
  CsvWriter w(sink, delimiter);
  for (const auto& row : rows) {
    for (const std::string& f : row) w.Field(f);
    EXPECT_TRUE(w.EndRow().ok());
  }
  EXPECT_TRUE(w.Finish().ok());
  return sink.Take();
}

TEST(CsvWriter, QuotesMinimallyAsPythonsCsvWriter) {
  EXPECT_EQ(Write({{"a", "b"}, {"1", "2"}}), "a,b\r\n1,2\r\n");
  EXPECT_EQ(Write({{"a,b", "say \"hi\"", "l1\nl2", "cr\r", "t\tx", " s "}}),
            "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\",t\tx, s \r\n");
  EXPECT_EQ(Write({{"a,b", "t\tx"}}, '\t'), "a,b\t\"t\tx\"\r\n");
}

TEST(CsvWriter, OneEmptyFieldIsWrittenQuoted) {
  EXPECT_EQ(Write({{""}, {"", ""}, {}, {"x"}}), "\"\"\r\n,\r\n\r\nx\r\n");
}

}  // namespace
}  // namespace taiga::convert
