#include "app/session_files.h"

#include <gtest/gtest.h>

namespace taiga::app {
namespace {

domain::Datafile File(const std::string& id, const std::string& name,
                      std::optional<std::string> underlying = std::nullopt) {
  domain::Datafile f;
  f.id = id;
  f.name = name;
  if (underlying) {
    f.kind = domain::DatafileKind::kVirtual;
    f.underlying_datafile_id = underlying;
  }
  return f;
}

TEST(DescribeFileChanges, SectionsInTaiga2Order) {
  std::vector<domain::Datafile> before = {File("1", "kept"), File("2", "changed"),
                                          File("3", "old name"), File("4", "dropped")};
  std::vector<domain::Datafile> after = {File("5", "kept", "1"), File("6", "changed"),
                                         File("7", "new name", "3"), File("8", "added")};
  EXPECT_EQ(DescribeFileChanges(before, after),
            "Added:\n- added\nRemoved:\n- dropped\nUpdated:\n- changed\nRenamed:\n- old name -> "
            "new name");
}

TEST(DescribeFileChanges, AnAliasOfTheReplacedFileIsARenameNotAnAddition) {
  std::vector<domain::Datafile> before = {File("1", "raw")};
  std::vector<domain::Datafile> after = {File("2", "alias", "1"), File("3", "raw")};
  EXPECT_EQ(DescribeFileChanges(before, after), "Added:\n- alias\nUpdated:\n- raw");
}

TEST(DescribeFileChanges, NothingChangedIsEmpty) {
  std::vector<domain::Datafile> before = {File("1", "a")};
  std::vector<domain::Datafile> after = {File("2", "a", "1")};
  EXPECT_EQ(DescribeFileChanges(before, after), "");
}

TEST(CheckFileNames, DuplicatesAfterTrimmingAndEmptySessions) {
  EXPECT_TRUE(CheckFileNames({"a", "b"}).ok());
  auto dup = CheckFileNames({"a", " a ", "b", "b"});
  EXPECT_EQ(dup.message(), "Duplicate file names in upload: a, b");
  EXPECT_EQ(CheckFileNames({}).code(), common::StatusCode::kInvalidArgument);
}

TEST(DatafileFromSessionFile, CarriesWhatProcessingFound) {
  domain::UploadSessionFile s;
  s.filename = "m";
  s.filetype = domain::DatafileKind::kS3;
  s.converted_format = domain::StorageFormat::kHdf5;
  s.blob_sha256 = "ab";
  s.original_file_sha256 = "cd";
  s.original_file_size = 6'000'000'000;
  s.custom_metadata = R"({"k":1})";
  auto d = DatafileFromSessionFile(s, "v1", 7);
  EXPECT_EQ(d.dataset_version_id, "v1");
  EXPECT_EQ(d.name, "m");
  EXPECT_EQ(d.format, domain::StorageFormat::kHdf5);
  EXPECT_EQ(d.blob_sha256, "ab");
  EXPECT_EQ(d.original_file_sha256, "cd");
  EXPECT_EQ(d.original_file_size, std::optional<int64_t>(6'000'000'000));
  EXPECT_EQ(d.custom_metadata, R"({"k":1})");
  EXPECT_EQ(d.id.size(), 32u);
  s.filetype = domain::DatafileKind::kVirtual;
  s.existing_datafile_id = "real";
  auto v = DatafileFromSessionFile(s, "v1", 7);
  EXPECT_EQ(v.kind, domain::DatafileKind::kVirtual);
  EXPECT_EQ(v.underlying_datafile_id, "real");
  EXPECT_FALSE(v.blob_sha256.has_value());
  EXPECT_FALSE(v.original_file_size.has_value());  // the real file's is shown
}

}  // namespace
}  // namespace taiga::app
