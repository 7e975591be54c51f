#include "jobs/job_registry.h"

#include <gtest/gtest.h>

namespace taiga::jobs {
namespace {

class NamedKind final : public JobKind {
 public:
  explicit NamedKind(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  common::Status Run(JobContext&) override { return common::Status::Ok(); }

 private:
  std::string name_;
};

TEST(JobRegistry, RegistersFindsAndListsSorted) {
  JobRegistry registry;
  EXPECT_TRUE(registry.empty());
  EXPECT_TRUE(registry.Register(std::make_unique<NamedKind>("upload.process")).ok());
  EXPECT_TRUE(registry.Register(std::make_unique<NamedKind>("convert.export_csv-2")).ok());
  EXPECT_FALSE(registry.empty());
  ASSERT_NE(registry.Find("upload.process"), nullptr);
  EXPECT_EQ(registry.Find("upload.process")->name(), "upload.process");
  EXPECT_EQ(registry.Find("nope"), nullptr);
  EXPECT_EQ(registry.Kinds(), (std::vector<std::string>{"convert.export_csv-2", "upload.process"}));
}

TEST(JobRegistry, RefusesDuplicatesBadNamesAndNull) {
  JobRegistry registry;
  ASSERT_TRUE(registry.Register(std::make_unique<NamedKind>("a")).ok());
  EXPECT_EQ(registry.Register(std::make_unique<NamedKind>("a")).code(),
            common::StatusCode::kAlreadyExists);
  for (const char* bad : {"", "Upload", "has space", "a/b", "ü"}) {
    EXPECT_EQ(registry.Register(std::make_unique<NamedKind>(bad)).code(),
              common::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(registry.Register(std::make_unique<NamedKind>(std::string(65, 'a'))).code(),
            common::StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.Register(nullptr).code(), common::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::jobs
