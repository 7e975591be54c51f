// ImportMatrix and ExportMatrix: the original's test files and the exact bytes its tests
// expect from the exports (original-model-and-formats.md §4.6, §4.9), round trips through tiny
// blocks, GCT, NA handling and the error messages.
#include <gtest/gtest.h>

#include <filesystem>

#include "convert/hdf5_matrix_reader.h"
#include "convert/matrix_export.h"
#include "convert/matrix_import.h"
#include "convert/test_files.h"

namespace taiga::convert {
namespace {

using testing::FixturePath;
using testing::ReadFile;

class MatrixConversion : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("taiga-matrix-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "m.hdf5").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  common::Result<MatrixImportSummary> Import(const std::string& text,
                                             MatrixImportOptions options = {},
                                             size_t max_read = SIZE_MAX) {
    StringByteSource source(text, max_read);
    NullProgressSink progress;
    return ImportMatrix(source, options, path_, progress);
  }
  std::string Export(MatrixFormat format = MatrixFormat::kCsv, size_t block_bytes = 4 << 20) {
    StringByteSink sink;
    NullProgressSink progress;
    common::Result<uint64_t> r = ExportMatrix(path_, {format, block_bytes}, sink, progress);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return sink.Take();
  }
  std::string Message(const std::string& text, MatrixFormat format = MatrixFormat::kCsv) {
    common::Result<MatrixImportSummary> r = Import(text, {.format = format});
    EXPECT_FALSE(r.ok());
    EXPECT_FALSE(std::filesystem::exists(path_)) << "a failed import leaves no file";
    return r.status().message();
  }

  std::filesystem::path dir_;
  std::string path_;
};

std::string Crlf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

TEST_F(MatrixConversion, TheOriginalsExportExpectations) {
  ASSERT_TRUE(Import("a,b\nc,1,2\n").ok());
  EXPECT_EQ(Export(MatrixFormat::kCsv), ",a,b\r\nc,1.0,2.0\r\n");
  EXPECT_EQ(Export(MatrixFormat::kTsv), "\ta\tb\r\nc\t1.0\t2.0\r\n");
  EXPECT_EQ(Export(MatrixFormat::kGct),
            "#1.2\r\n1\t2\r\nName\tDescription\ta\tb\r\nc\tc\t1.0\t2.0\r\n");
}

TEST_F(MatrixConversion, TinyMatrixAndItsSummary) {
  common::Result<MatrixImportSummary> s = Import(ReadFile(FixturePath("tiny_matrix.csv")));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->short_summary, "2x3 matrix, 0 NAs");
  EXPECT_EQ(s->long_summary, "Column names: a, b, c\nRow names: d, e\n");
  EXPECT_EQ(Export(), ",a,b,c\r\nd,1.0,2.0,3.0\r\ne,4.0,5.0,6.0\r\n");
  EXPECT_EQ(*s->preview.row_names, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(s->preview.data[1][2], PreviewValue(6.0));
}

TEST_F(MatrixConversion, RStyleAndPandasStyleHeadersGiveTheSameFile) {
  ASSERT_TRUE(Import("a,b,c\nd,1,2,3\n").ok());
  std::string r_style = Export();
  ASSERT_TRUE(Import("i,a,b,c\nd,1,2,3\n").ok());
  EXPECT_EQ(Export(), r_style);
  EXPECT_EQ(r_style, ",a,b,c\r\nd,1.0,2.0,3.0\r\n");
}

TEST_F(MatrixConversion, TallMatrixRoundTripsThroughTinyBlocks) {
  std::string csv = ReadFile(FixturePath("tall_matrix.csv"));
  for (size_t block_bytes : {size_t{1}, size_t{48}, size_t{4} << 20}) {
    ASSERT_TRUE(Import(csv, {.block_bytes = block_bytes}, 5).ok());
    EXPECT_EQ(Export(MatrixFormat::kCsv, block_bytes), Crlf(csv)) << block_bytes;
  }
}

TEST_F(MatrixConversion, GctRoundTripKeepsDescriptions) {
  std::string gct = ReadFile(FixturePath("tall_matrix.gct"));
  common::Result<MatrixImportSummary> s = Import(gct, {.format = MatrixFormat::kGct});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->short_summary, "7x2 matrix, 0 NAs");
  EXPECT_EQ(Export(MatrixFormat::kGct), Crlf(gct));
  EXPECT_EQ(Export(MatrixFormat::kCsv).substr(0, 22), ",a,b\r\nd,1.0,2.0\r\ne,4.0");
  std::unique_ptr<Hdf5MatrixReader> r = std::move(Hdf5MatrixReader::Open(path_)).value();
  std::vector<std::string> d;
  ASSERT_TRUE(r->ReadNames(Hdf5MatrixReader::Names::kDescriptions, 5, 2, d).ok());
  EXPECT_EQ(d, (std::vector<std::string>{"E4", "E5"}));
}

TEST_F(MatrixConversion, Npcv1RoundTrips) {
  std::string csv = ReadFile(FixturePath("npcv1.csv"));
  common::Result<MatrixImportSummary> s = Import(csv, {.block_bytes = 10000});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->rows, 566u);
  EXPECT_EQ(s->columns, 151u);
  EXPECT_EQ(s->preview.data.size(), 50u);
  EXPECT_EQ(s->preview.column_names.size(), 50u);
  ASSERT_NE(csv.find("\r\n"), std::string::npos);  // the file has CRLF line ends already
  EXPECT_TRUE(Export(MatrixFormat::kCsv, 10000) == csv) << "npcv1.csv does not round-trip";
}

TEST_F(MatrixConversion, NaAndEmptyCellsAreNaN) {
  common::Result<MatrixImportSummary> s =
      Import("x,y,z\nr1,NA,,nan\nr2,1e-05,-inf,1e16\nr3,\" 2 \",1_0,\"\"\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->short_summary, "3x3 matrix, 4 NAs");
  EXPECT_EQ(Export(), ",x,y,z\r\nr1,NA,NA,NA\r\nr2,1e-05,-inf,1e+16\r\nr3,2.0,10.0,NA\r\n");
  EXPECT_EQ(s->preview.data[0][0], PreviewValue(std::monostate{}));
  EXPECT_EQ(s->preview.data[1][1], PreviewValue(std::monostate{}));  // inf is null
}

// Plain lines are parsed in place, others (quotes, CR, non-ASCII, a line split across reads)
// through the tokenizer's records: every mix gives the same file.
TEST_F(MatrixConversion, PlainAndTokenizedLinesGiveTheSameValues) {
  const std::string csv =
      "x,y,z\n"
      "r1,1.5,-2.25e-3,0.30000000000000004\n"
      "\"r2\",\"4\",5,6\n"
      "r3,NA,,+7\r\n"
      "r4, 8 ,1_0,.5\n"
      "\n"
      "r\xC3\xA9,9,-0,1e400\n"
      "r6,-1.2345678901234567,5.,-inf\n";
  const std::string want =
      ",x,y,z\r\nr1,1.5,-0.00225,0.30000000000000004\r\nr2,4.0,5.0,6.0\r\nr3,NA,NA,7.0\r\n"
      "r4,8.0,10.0,0.5\r\nr\xC3\xA9,9.0,-0.0,inf\r\nr6,-1.2345678901234567,5.0,-inf\r\n";
  for (size_t max_read : {size_t{1}, size_t{7}, size_t{40}, SIZE_MAX}) {
    common::Result<MatrixImportSummary> s = Import(csv, {}, max_read);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->short_summary, "6x3 matrix, 2 NAs") << max_read;
    EXPECT_EQ(Export(), want) << max_read;
  }
  EXPECT_EQ(Message("a,b\nr1,1,2\nr2,3,4e\n"),
            "Line 3, column 3 (\"b\"): expected a number, NA or an empty cell, found \"4e\".");
  EXPECT_EQ(Message("a,b\nr1,1,2\nr2,3,4,\n"),
            "Line 3: expected 3 fields (a row name and 2 values), but found 4.");
}

TEST_F(MatrixConversion, NamesAreUtf8WhateverTheDeclaredEncoding) {
  ASSERT_TRUE(Import("caf\xE9,\"a,b\"\nr\xE9,1,2\n", {.encoding = TextEncoding::kLatin1}).ok());
  EXPECT_EQ(Export(), ",caf\xC3\xA9,\"a,b\"\r\nr\xC3\xA9,1.0,2.0\r\n");
  EXPECT_EQ(Message("a\nr\xE9,1\n"),
            "Line 2, column 1: the bytes E9 are not valid utf-8 (the declared encoding). Declare "
            "the file's real encoding (for example iso-8859-1 or windows-1252) or save it as "
            "UTF-8.");
}

TEST_F(MatrixConversion, LongSummaryShortensLongLists) {
  std::string csv = "c\n";
  for (int i = 0; i < 40; ++i) csv += "r" + std::to_string(i) + ",1\n";
  common::Result<MatrixImportSummary> s = Import(csv);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->long_summary,
            "Column names: c\nRow names: r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, "
            "r13, r14 ... r25, r26, r27, r28, r29, r30, r31, r32, r33, r34, r35, r36, r37, r38, "
            "r39\n");
}

TEST_F(MatrixConversion, ErrorsSayWhereAndWhat) {
  EXPECT_EQ(Message(""), "This file appears to be empty.");
  EXPECT_EQ(Message("a,b,c\n"),
            "Line 1 is the last line of the header but no rows follow it: a matrix needs at "
            "least one row of numbers.");
  EXPECT_EQ(Message("a,b,c\nd,1,2,3,4,5\n"),
            "Line 2: expected 3 fields (as the header, line 1) or 4 (R style: no header over the "
            "row names), but found 6. Check the delimiter.");
  EXPECT_EQ(Message("a,b\nr1,1,2\nr2,3\n"),
            "Line 3: expected 3 fields (a row name and 2 values), but found 2.");
  // The original's wrong-delimiter case: commas read as TSV.
  EXPECT_EQ(Message("0,1,2,3\n4,5,6,7\n", MatrixFormat::kTsv),
            "Line 2: found only a row name (\"4,5,6,7\") and no values. Is the delimiter right? "
            "This import splits fields at tabs.");
  EXPECT_EQ(Message("a\tb\nr1\t1\t2\n\"r\n2\"\n", MatrixFormat::kTsv),
            "Line 3: found only a row name (\"r\n2\") and no values. Is the delimiter right? "
            "This import splits fields at tabs.");
  EXPECT_EQ(Message(",a,,c\nr,1,2,3\n"),
            "Column name for column 2 was blank (line 1): every matrix column needs a name.");
  EXPECT_EQ(Message("a,b\nr1,1,2\nr2,3,x y\n"),
            "Line 3, column 3 (\"b\"): expected a number, NA or an empty cell, found \"x y\".");
  EXPECT_EQ(Message("#1.3\n1\t1\nName\tDescription\ta\nr\tR\t1\n", MatrixFormat::kGct),
            "Line 1: expected the GCT version line \"#1.2\", found \"#1.3\". Only GCT version 1.2 "
            "files can be imported.");
  EXPECT_EQ(Message("#1.2\nx\t1\n", MatrixFormat::kGct),
            "Line 2: expected the matrix size (the number of rows, a tab, the number of "
            "columns), found \"x\".");
  EXPECT_EQ(Message("#1.2\n2\t1\nName\tDescription\ta\nr\tR\t1\n", MatrixFormat::kGct),
            "Line 2 declares 2 rows, but 1 follow the header.");
  EXPECT_EQ(Message("#1.2\n1\t2\nName\tDescription\ta\nr\tR\t1\n", MatrixFormat::kGct),
            "Line 3: expected 4 fields (Name, Description and the 2 column names of line 2), "
            "found 3.");
}

// One pass, so progress is bytes read of the input's size when that is known, else rows.
TEST_F(MatrixConversion, ProgressIsBytesOfTheInputWhenItsSizeIsKnown) {
  struct Recorder : ProgressSink {
    std::vector<std::pair<uint64_t, uint64_t>> reports;
    common::Status Report(uint64_t current, uint64_t total, std::string_view) override {
      reports.emplace_back(current, total);
      return common::Status::Ok();
    }
  };
  std::string csv = "x\n";
  for (int i = 0; i < 25000; ++i) csv += "r" + std::to_string(i) + "," + std::to_string(i) + "\n";
  for (uint64_t size : {uint64_t{0}, uint64_t{csv.size()}}) {
    StringByteSource source(csv, 4096);
    Recorder progress;
    ASSERT_TRUE(ImportMatrix(source, {.input_bytes = size}, path_, progress).ok());
    ASSERT_EQ(progress.reports.size(), 2u);
    if (size == 0) {
      EXPECT_EQ(progress.reports[0], std::make_pair(uint64_t{10000}, uint64_t{0}));
      EXPECT_EQ(progress.reports[1], std::make_pair(uint64_t{20000}, uint64_t{0}));
    } else {
      EXPECT_EQ(progress.reports[0].second, csv.size());
      EXPECT_GT(progress.reports[0].first, 10000u * 8);  // about 10000 rows' bytes, read ahead
      EXPECT_LT(progress.reports[0].first, progress.reports[1].first);
      EXPECT_LE(progress.reports[1].first, csv.size());
    }
  }
}

TEST_F(MatrixConversion, ExportOfAMissingOrForeignFile) {
  StringByteSink sink;
  NullProgressSink progress;
  EXPECT_EQ(ExportMatrix(path_, {}, sink, progress).status().code(), common::StatusCode::kNotFound);
  std::ofstream(path_) << "not hdf5";
  EXPECT_EQ(ExportMatrix(path_, {}, sink, progress).status().code(),
            common::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::convert
