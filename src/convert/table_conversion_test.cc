// ImportTable and ExportTable: the original's test files and the bytes it wrote and exported
// for them (testdata/*.columnar, *.original_export.csv), round trips, types, errors.
#include <gtest/gtest.h>

#include "convert/columnar_reader.h"
#include "convert/reopening_byte_source.h"
#include "convert/table_export.h"
#include "convert/table_import.h"
#include "convert/test_files.h"

namespace taiga::convert {
namespace {

using testing::FixturePath;
using testing::ReadFile;
using testing::TestDataPath;

struct Imported {
  common::Status status;
  TableImportSummary summary;
  std::string columnar;
};

Imported Import(const std::string& csv, TableImportOptions options = {},
                size_t max_read = SIZE_MAX) {
  StringByteSource source(csv, max_read);
  StringByteSink sink;
  NullProgressSink progress;
  common::Result<TableImportSummary> r = ImportTable(source, options, sink, progress);
  if (!r.ok()) return {r.status(), {}, {}};
  return {common::Status::Ok(), *r, sink.Take()};
}

std::string Export(const std::string& columnar, TableExportOptions options = {}) {
  StringByteSource source(columnar);
  StringByteSink sink;
  NullProgressSink progress;
  common::Result<uint64_t> r = ExportTable(source, options, sink, progress);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return sink.Take();
}

std::string Crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

TEST(TableImport, TallTableIsWrittenAsTheOriginalWroteIt) {
  std::string csv = ReadFile(FixturePath("tall_table.csv"));
  Imported def = Import(csv);
  ASSERT_TRUE(def.status.ok()) << def.status.ToString();
  EXPECT_EQ(def.columnar, ReadFile(TestDataPath("tall_table.columnar")));
  Imported two = Import(csv, {.writer = {.rows_per_block = 2}}, 3);
  ASSERT_TRUE(two.status.ok());
  EXPECT_EQ(two.columnar, ReadFile(TestDataPath("tall_table_rpb2.columnar")));
  EXPECT_EQ(def.summary.short_summary, "9 rows, 4 columns");
  EXPECT_EQ(def.summary.long_summary, "Column names: a, b, c, d\n");
}

TEST(TableImport, TallTableRoundTripsThroughTwoRowBlocks) {
  // The original's blocked_conv_test: csv → columnar (2 rows per block) → csv.
  std::string csv = ReadFile(FixturePath("tall_table.csv"));
  Imported two = Import(csv, {.writer = {.rows_per_block = 2}});
  ASSERT_TRUE(two.status.ok());
  EXPECT_EQ(Export(two.columnar), Crlf(csv));
  EXPECT_EQ(Export(two.columnar), ReadFile(TestDataPath("tall_table.original_export.csv")));
}

TEST(TableImport, TheOriginalsExportTestTable) {
  Imported ab = Import("a,b\n1,2\n");
  ASSERT_TRUE(ab.status.ok());
  EXPECT_EQ(ab.columnar, ReadFile(TestDataPath("ab.columnar")));
  EXPECT_EQ(Export(ab.columnar), "a,b\r\n1,2\r\n");
  EXPECT_EQ(Export(ab.columnar, {.delimiter = '\t'}), "a\tb\r\n1\t2\r\n");
}

TEST(TableImport, MissingValuesDoNotMakeAColumnText) {
  Imported tiny = Import(ReadFile(FixturePath("tiny_table.csv")));
  ASSERT_TRUE(tiny.status.ok());
  const TableImportSummary& s = tiny.summary;
  EXPECT_EQ(s.columns, (std::vector<ColumnSpec>{{"a", ColumnType::kInt32},
                                                {"b", ColumnType::kInt64},
                                                {"c", ColumnType::kString},
                                                {"d", ColumnType::kFloat64}}));
  EXPECT_EQ(s.column_types, (std::vector<std::pair<std::string, std::string>>{
                                {"a", "int"}, {"b", "Int64"}, {"c", "str"}, {"d", "float"}}));
  EXPECT_EQ(s.short_summary, "3 rows, 4 columns");
  // Missing cells come back as written; float 2 comes back as 2.0, as the original's did.
  EXPECT_EQ(Export(tiny.columnar), "a,b,c,d\r\n1,2,Y,1.2\r\n3,4,Y,2.0\r\n5,,N,NA\r\n");
  // The preview: NA and empty are null.
  ASSERT_EQ(s.preview.data.size(), 3u);
  EXPECT_EQ(s.preview.data[2], (std::vector<PreviewValue>{int64_t{5}, std::monostate{},
                                                          std::string("N"), std::monostate{}}));
  EXPECT_EQ(s.preview.data[0][3], PreviewValue(1.2));
  EXPECT_FALSE(s.preview.row_names.has_value());
}

TEST(TableExport, FilesTheOriginalWroteExportAsItExportedThem) {
  for (const char* name : {"tall_table", "tiny_table", "non_utf8", "ab"}) {
    EXPECT_EQ(Export(ReadFile(TestDataPath(std::string(name) + ".columnar")),
                     {.encoding = TextEncoding::kLatin1}),
              ReadFile(TestDataPath(std::string(name) + ".original_export.csv")))
        << name;
  }
}

TEST(TableImport, NonUtf8FileAsTheOriginalAndAsDeclared) {
  std::string csv = ReadFile(FixturePath("non-utf8-table.csv"));  // holds UTF-8 "®" (C2 AE)
  // Declared Latin-1: every byte a character, stored as the original stored it.
  Imported latin1 = Import(csv, {.encoding = TextEncoding::kLatin1});
  ASSERT_TRUE(latin1.status.ok());
  EXPECT_EQ(latin1.columnar, ReadFile(TestDataPath("non_utf8.columnar")));
  EXPECT_EQ(Export(latin1.columnar, {.encoding = TextEncoding::kLatin1}), Crlf(csv));
  // Declared UTF-8: one character, and the UTF-8 export gives the same bytes back.
  Imported utf8 = Import(csv);
  ASSERT_TRUE(utf8.status.ok());
  EXPECT_EQ(std::get<std::string>(utf8.summary.preview.data[0][1]), "\xC2\xAE");
  EXPECT_EQ(Export(utf8.columnar), Crlf(csv));
}

TEST(TableImport, Latin1TextThatLatin1CannotExport) {
  Imported t = Import("name\n\xE2\x82\xAC\n");
  ASSERT_TRUE(t.status.ok());
  StringByteSource source(t.columnar);
  StringByteSink sink;
  NullProgressSink progress;
  common::Result<uint64_t> r =
      ExportTable(source, {.encoding = TextEncoding::kLatin1}, sink, progress);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Row 1, column \"name\": the text cannot be written as iso-8859-1 (it holds the bytes "
            "E2 82 AC); export it as utf-8.");
  EXPECT_EQ(Export(t.columnar, {.encoding = TextEncoding::kWindows1252}), "name\r\n\x80\r\n");
}

TEST(TableImport, InfersTypesOverAllRows) {
  Imported t = Import(
      "i32,i64,big,f,b,mixed,allna,s,ws\n"
      "1,1,99999999999999999999,1,True,1,NA, 1,\" 7 \"\n"
      "-2147483648,2147483648,1,1.5,false,True,,x,+1_0\n"
      "2147483647,NA,2,inf,,1.5,NA,NA,-3\n");
  ASSERT_TRUE(t.status.ok()) << t.status.ToString();
  std::vector<ColumnType> types;
  for (const ColumnSpec& c : t.summary.columns) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<ColumnType>{
                       ColumnType::kInt32, ColumnType::kInt64, ColumnType::kString,
                       ColumnType::kFloat64, ColumnType::kBool, ColumnType::kString,
                       ColumnType::kString, ColumnType::kString, ColumnType::kInt32}));
  EXPECT_EQ(Export(t.columnar),
            "i32,i64,big,f,b,mixed,allna,s,ws\r\n"
            "1,1,99999999999999999999,1.0,True,1,NA, 1,7\r\n"
            "-2147483648,2147483648,1,1.5,False,True,,x,10\r\n"
            "2147483647,NA,2,inf,,1.5,NA,NA,-3\r\n");
}

TEST(TableImport, DuplicateNamesKeepEveryColumn) {
  Imported t = Import("a,a,a.1,\n1,x,2.5,z\n");
  ASSERT_TRUE(t.status.ok());
  EXPECT_EQ(Export(t.columnar), "a,a,a.1,\r\n1,x,2.5,z\r\n");
  EXPECT_EQ(t.summary.column_types,
            (std::vector<std::pair<std::string, std::string>>{
                {"a", "int"}, {"a.1", "str"}, {"a.1.1", "float"}, {"Unnamed: 3", "str"}}));
}

TEST(TableImport, RStyleRowNamesBecomeAFirstColumn) {
  Imported t = Import("a,b\nr1,1,x\nr2,2,y\n");
  ASSERT_TRUE(t.status.ok()) << t.status.ToString();
  EXPECT_TRUE(t.summary.has_row_names);
  EXPECT_EQ(t.summary.columns.front(), (ColumnSpec{"", ColumnType::kString}));
  EXPECT_EQ(t.summary.column_types,
            (std::vector<std::pair<std::string, std::string>>{{"a", "int"}, {"b", "str"}}));
  EXPECT_EQ(Export(t.columnar), ",a,b\r\nr1,1,x\r\nr2,2,y\r\n");
}

TEST(TableImport, QuotingAndLineEndsRoundTrip) {
  std::string csv = "t,n\r\n\"a,b\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\nlines\",3\r\n,4\r\n,\r\n";
  Imported t = Import(csv, {}, 1);
  ASSERT_TRUE(t.status.ok());
  EXPECT_EQ(Export(t.columnar), csv);
  Imported one = Import("x\n\"\"\n\"\"\n");  // a single column of empty strings
  EXPECT_EQ(Export(one.columnar), "x\r\n\"\"\r\n\"\"\r\n");
}

// Plain lines are split in place, others (quotes, CR, non-ASCII, lines across reads) read as
// records: every mix gives the same file, types and errors.
TEST(TableImport, PlainAndTokenizedLinesGiveTheSameTable) {
  std::string csv = "id,name,x,flag\n";
  for (int i = 0; i < 300; ++i) {
    const std::string name = i % 7 == 0    ? "\"q, " + std::to_string(i) + "\""
                             : i % 11 == 0 ? "caf\xC3\xA9"
                                           : "n" + std::to_string(i);
    csv += std::to_string(i) + "," + name + "," + (i % 5 == 0 ? "NA" : std::to_string(i) + ".5") +
           "," + (i % 2 ? "True" : "False") + (i % 13 == 0 ? "\r\n" : "\n");
  }
  const Imported whole = Import(csv);
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  EXPECT_EQ(whole.summary.short_summary, "300 rows, 4 columns");
  for (size_t max_read : {size_t{1}, size_t{5}, size_t{64}, size_t{1000}}) {
    const Imported t = Import(csv, {}, max_read);
    ASSERT_TRUE(t.status.ok()) << t.status.ToString();
    EXPECT_EQ(t.columnar, whole.columnar) << max_read;
    EXPECT_EQ(t.summary.column_types, whole.summary.column_types) << max_read;
  }
  const std::string exported = Export(whole.columnar);
  EXPECT_EQ(exported.substr(0, 43), "id,name,x,flag\r\n0,\"q, 0\",NA,False\r\n1,n1,1.5");
  EXPECT_EQ(Import(csv + "301,n,1.0\n").status.message(),
            "Line 302: expected 4 fields, as in the header (line 1), but found 3. Check the "
            "delimiter, and that quoted fields are closed.");
}

TEST(TableImport, TsvAndBlankLines) {
  Imported t = Import("a\tb\n\n1\tx,y\n\n", {.delimiter = '\t'});
  ASSERT_TRUE(t.status.ok());
  EXPECT_EQ(Export(t.columnar, {.delimiter = '\t'}), "a\tb\r\n1\tx,y\r\n");
  EXPECT_EQ(Export(t.columnar), "a,b\r\n1,\"x,y\"\r\n");
}

TEST(TableImport, LongStringsCutBlocksEarly) {
  std::string csv = "s\n";
  for (int i = 0; i < 10; ++i) csv += std::string(1000, static_cast<char>('a' + i)) + "\n";
  Imported t = Import(csv, {.writer = {.max_block_bytes = 3000}});
  ASSERT_TRUE(t.status.ok());
  StringByteSource source(t.columnar);
  ColumnarReader r(source);
  ASSERT_TRUE(r.ReadHeader().ok());
  std::vector<uint32_t> blocks;
  while (*r.NextBlock()) blocks.push_back(r.block_rows());
  EXPECT_EQ(blocks, (std::vector<uint32_t>{3, 3, 3, 1}));
  EXPECT_EQ(Export(t.columnar), Crlf(csv));
}

TEST(TableImport, ErrorsSayWhereAndWhat) {
  auto message = [](const std::string& csv) { return Import(csv).status.message(); };
  EXPECT_EQ(message(""), "This file appears to be empty.");
  EXPECT_EQ(message("\n\r\n"), "This file appears to be empty.");
  EXPECT_EQ(message("a,b,c\n"),
            "Line 1 is a header but no data rows follow it: a table needs at least one row "
            "below its header.");
  EXPECT_EQ(message("a,b,c\n1,2,3\n\n4,5\n"),
            "Line 4: expected 3 fields, as in the header (line 1), but found 2. Check the "
            "delimiter, and that quoted fields are closed.");
  EXPECT_EQ(message("a,b\n1,2,3,4\n"),
            "Line 2: expected 2 fields, as in the header (line 1), but found 4. Check the "
            "delimiter, and that quoted fields are closed.");
  EXPECT_EQ(Import("a\nx\xff\n").status.code(), common::StatusCode::kInvalidArgument);
  StringByteSource once("a\n1\n");
  struct OnceSource : ByteSource {
    StringByteSource& s;
    explicit OnceSource(StringByteSource& s) : s(s) {}
    common::Result<size_t> Read(char* b, size_t n) override { return s.Read(b, n); }
  } input(once);
  StringByteSink sink;
  NullProgressSink progress;
  EXPECT_EQ(ImportTable(input, {}, sink, progress).status().code(),
            common::StatusCode::kFailedPrecondition);
}

TEST(TableImport, AOnceOnlyStreamReopenedForTheSecondPass) {
  int opened = 0;
  ReopeningByteSource input([&]() -> common::Result<std::unique_ptr<ByteSource>> {
    ++opened;
    return std::unique_ptr<ByteSource>(new StringByteSource("a,b\n1,x\n", 2));
  });
  StringByteSink sink;
  NullProgressSink progress;
  ASSERT_TRUE(ImportTable(input, {}, sink, progress).ok());
  EXPECT_EQ(opened, 2);
  EXPECT_EQ(Export(sink.Take()), "a,b\r\n1,x\r\n");
}

TEST(TableImport, PreviewIsTheTopLeftCorner) {
  std::string csv;
  for (int c = 0; c < 60; ++c) csv += (c ? ",c" : "c") + std::to_string(c);
  csv += "\n";
  for (int r = 0; r < 70; ++r) {
    for (int c = 0; c < 60; ++c) csv += (c ? "," : "") + std::to_string(r * 100 + c);
    csv += "\n";
  }
  Imported t = Import(csv);
  ASSERT_TRUE(t.status.ok());
  const DataPreview& p = t.summary.preview;
  EXPECT_EQ(p.num_rows, 70u);
  EXPECT_EQ(p.num_columns, 60u);
  ASSERT_EQ(p.column_names.size(), 50u);
  EXPECT_EQ(p.column_names[49], "c49");
  ASSERT_EQ(p.data.size(), 50u);
  ASSERT_EQ(p.data[49].size(), 50u);
  EXPECT_EQ(p.data[49][49], PreviewValue(int64_t{4949}));
  EXPECT_EQ(t.summary.long_summary.substr(0, 20), "Column names: c0, c1");
  EXPECT_NE(t.summary.long_summary.find("c14 ... c45"), std::string::npos);
}

struct Recorder : ProgressSink {
  std::vector<std::string> messages;
  common::Status Report(uint64_t, uint64_t, std::string_view m) override {
    messages.emplace_back(m);
    if (messages.size() == 3) return common::Aborted("lease lost");
    return common::Status::Ok();
  }
};

TEST(TableImport, ProgressCanStopTheConversion) {
  std::string csv = "a\n";
  for (int i = 0; i < 25000; ++i) csv += std::to_string(i) + "\n";
  StringByteSource source(csv);
  StringByteSink sink;
  Recorder progress;
  common::Result<TableImportSummary> r = ImportTable(source, {}, sink, progress);
  EXPECT_EQ(r.status().code(), common::StatusCode::kAborted);
  EXPECT_EQ(progress.messages[0], "Scanning through file to determine column types (line 10001)");
  EXPECT_EQ(progress.messages[2], "Conversion in progress, line 10001");
}

}  // namespace
}  // namespace taiga::convert
