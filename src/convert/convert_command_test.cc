#include "convert/convert_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "convert/test_files.h"

namespace taiga::convert {
namespace {

using testing::FixturePath;
using testing::ReadFile;

class ConvertCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("taiga-convert-cmd-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string P(const char* name) { return (dir_ / name).string(); }
  int Run(std::string_view from, std::string_view to, const std::string& in, const std::string& out,
          std::string encoding = "") {
    out_.str("");
    err_.str("");
    return RunConvertCommand(from, to, in, out, {encoding, &out_, &err_});
  }
  std::filesystem::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(ConvertCommand, TableAndMatrixRoundTrips) {
  ASSERT_EQ(Run("TableCSV", "columnar", FixturePath("tall_table.csv"), P("t.columnar")), 0)
      << err_.str();
  EXPECT_EQ(out_.str(), "9 rows, 4 columns\na\tint\nb\tint\nc\tstr\nd\tfloat\n");
  ASSERT_EQ(Run("columnar", "tsv", P("t.columnar"), P("t.tsv")), 0) << err_.str();
  EXPECT_EQ(ReadFile(P("t.tsv")).substr(0, 20), "a\tb\tc\td\r\n1\t2\tY\t1.2\r\n");
  ASSERT_EQ(Run("numericmatrixcsv", "HDF5", FixturePath("tiny_matrix.csv"), P("m.hdf5")), 0);
  EXPECT_EQ(out_.str(), "2x3 matrix, 0 NAs\n");
  ASSERT_EQ(Run("hdf5", "gct", P("m.hdf5"), P("m.gct")), 0);
  ASSERT_EQ(Run("GCT", "hdf5", P("m.gct"), P("m2.hdf5")), 0) << err_.str();
  ASSERT_EQ(Run("hdf5", "csv", P("m2.hdf5"), P("m.csv")), 0);
  EXPECT_EQ(ReadFile(P("m.csv")), ",a,b,c\r\nd,1.0,2.0,3.0\r\ne,4.0,5.0,6.0\r\n");
  ASSERT_EQ(Run("Raw", "raw_test", FixturePath("hello.txt"), P("h.gz")), 0);
  EXPECT_EQ(out_.str(), "10 bytes, 30 compressed\n");
}

TEST_F(ConvertCommand, ReportsErrorsAndUnknownConversions) {
  EXPECT_EQ(Run("TableCSV", "hdf5", FixturePath("tiny_table.csv"), P("x")), 2);
  EXPECT_NE(err_.str().find("no conversion from tablecsv to hdf5"), std::string::npos);
  std::ofstream(P("empty.csv")).close();
  EXPECT_EQ(Run("TableCSV", "columnar", P("empty.csv"), P("x")), 1);
  EXPECT_EQ(err_.str(), "taiga convert: This file appears to be empty.\n");
  EXPECT_EQ(Run("TableCSV", "columnar", P("missing.csv"), P("x")), 1);
  EXPECT_EQ(Run("TableCSV", "columnar", FixturePath("tiny_table.csv"), P("x"), "utf-16"), 1);
}

}  // namespace
}  // namespace taiga::convert
