#include "domain/permaname.h"

#include <gtest/gtest.h>

#include "domain/download_formats.h"
#include "domain/sizes.h"

namespace taiga::domain {
namespace {

TEST(NormalizeName, LikeTaiga2ButAscii) {
  EXPECT_EQ(NormalizeName("My Data (v2)!"), "my-data-v2-");
  EXPECT_EQ(NormalizeName("Achilles_gene_effect"), "achilles-gene-effect");
  EXPECT_EQ(NormalizeName("  spaces  "), "-spaces-");
  EXPECT_EQ(NormalizeName("a--b__c"), "a-b-c");
  EXPECT_EQ(NormalizeName("Straße Ä é"), "strasse-a-e");
  EXPECT_EQ(NormalizeName("Ünïcode Straße"), "unicode-strasse");
  EXPECT_EQ(NormalizeName("日本 data"), "-data");  // letters with no ASCII form are dropped
  EXPECT_EQ(NormalizeName("\xff bad"), "-bad");
}

TEST(MakePermaname, AppendsTheSuffixAndIsAlwaysAddressable) {
  std::string p = MakePermaname("My Data!", "1a2b");
  EXPECT_EQ(p, "my-data--1a2b");
  EXPECT_TRUE(IsPermaname(p));
  EXPECT_TRUE(IsPermaname(MakePermaname("日本", "00ff")));
  EXPECT_TRUE(IsPermaname(MakePermaname(std::string(500, 'x'), "abcd")));
}

TEST(IsPermaname, OnlyLowerAsciiDigitsAndDashes) {
  EXPECT_TRUE(IsPermaname("abc-123"));
  EXPECT_FALSE(IsPermaname(""));
  EXPECT_FALSE(IsPermaname("Abc"));
  EXPECT_FALSE(IsPermaname("a.b"));
  EXPECT_FALSE(IsPermaname("a/b"));
}

TEST(ParseTaigaId, PermanameVersionAndFile) {
  auto id = ParseTaigaId("my-data-1a2b.12/sub/file.csv");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->permaname, "my-data-1a2b");
  EXPECT_EQ(id->version, 12);
  EXPECT_EQ(id->filename, "sub/file.csv");
  auto version_only = ParseTaigaId("perm-0000.3");
  ASSERT_TRUE(version_only.has_value());
  EXPECT_EQ(version_only->filename, "");
  EXPECT_FALSE(ParseTaigaId("perm-0000/file").has_value());
  EXPECT_FALSE(ParseTaigaId("perm.0/file").has_value());
  EXPECT_FALSE(ParseTaigaId("perm.x/file").has_value());
  EXPECT_FALSE(ParseTaigaId("Perm.1/file").has_value());
  EXPECT_FALSE(ParseTaigaId(".1/file").has_value());
  EXPECT_EQ(FormatTaigaId("p-1a2b", 3, "f"), "p-1a2b.3/f");
}

TEST(DownloadName, NormalisesBothNamesAndAddsTheFormat) {
  EXPECT_EQ(DownloadName("My Test Dataset!", 1, "table", "csv"), "my-test-dataset-_v1-table.csv");
  EXPECT_EQ(DownloadName("x", 2, "Raw File", "raw"), "x_v2-raw-file");
}

TEST(AllowedConversions, ByStoredFormat) {
  Datafile raw;
  raw.format = StorageFormat::kRaw;
  EXPECT_EQ(AllowedConversions(raw), std::vector<std::string>{"raw"});
  raw.custom_metadata = R"({"client_storage_format": "raw_hdf5_matrix"})";
  EXPECT_EQ(AllowedConversions(raw), std::vector<std::string>{"hdf5"});
  EXPECT_TRUE(IsDirectDownload(raw, "hdf5"));
  EXPECT_TRUE(IsDirectDownload(raw, "raw_test"));
  Datafile matrix;
  matrix.format = StorageFormat::kHdf5;
  EXPECT_EQ(AllowedConversions(matrix), (std::vector<std::string>{"csv", "gct", "hdf5", "tsv"}));
  matrix.compressed_blob_sha256 = "ab";
  EXPECT_EQ(AllowedConversions(matrix).front(), "raw_test");
  EXPECT_FALSE(IsDirectDownload(matrix, "csv"));
  Datafile table;
  table.format = StorageFormat::kColumnar;
  EXPECT_EQ(AllowedConversions(table), (std::vector<std::string>{"csv", "tsv"}));
  EXPECT_TRUE(IsDirectDownload(table, "columnar"));
}

TEST(HumanSize, DecimalUnitsOneDecimal) {
  EXPECT_EQ(HumanSize(0), "0 Bytes");
  EXPECT_EQ(HumanSize(1), "1 Byte");
  EXPECT_EQ(HumanSize(10), "10 Bytes");
  EXPECT_EQ(HumanSize(1234), "1.2 kB");
  EXPECT_EQ(HumanSize(12345678), "12.3 MB");
  EXPECT_EQ(HumanSize(999999), "1.0 MB");
}

}  // namespace
}  // namespace taiga::domain
