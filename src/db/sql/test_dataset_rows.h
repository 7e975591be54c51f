// Test rows for the dataset, datafile and upload suites (*_test.cc only): value builders with
// every required field set, and DatasetRowsTest, a BackendTest whose write transaction tx_
// starts with users u1 (alice) and u2 (bob) committed. Not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "db/database.h"
#include "db/sql/test_backend.h"
#include "domain/dataset.h"

namespace taiga::db::testing {

inline domain::Dataset MakeDataset(const std::string& id, const std::string& permaname,
                                   std::optional<std::string> creator_id = "u1") {
  domain::Dataset d;
  d.entry.id = id;
  d.entry.type = domain::EntryType::kDataset;
  d.entry.name = "Dataset " + id;
  d.entry.creation_date = 1'765'000'000'000'000;
  if (creator_id) d.entry.creator = domain::NamedId{*creator_id, ""};
  d.permanames = {permaname};
  return d;
}

inline domain::DatasetVersion MakeVersion(const std::string& id, const std::string& dataset_id,
                                          int64_t number) {
  domain::DatasetVersion v;
  v.entry.id = id;
  v.entry.type = domain::EntryType::kDatasetVersion;
  v.entry.name = std::to_string(number);
  v.entry.creation_date = 1'765'000'000'000'000 + number;
  v.entry.creator = domain::NamedId{"u1", ""};
  v.dataset_id = dataset_id;
  v.version = number;
  return v;
}

// An s3 file with only the required fields (and its blob, when given).
inline domain::Datafile MakeFile(const std::string& id, const std::string& version_id,
                                 const std::string& name,
                                 std::optional<std::string> blob_sha256 = std::nullopt) {
  domain::Datafile f;
  f.id = id;
  f.dataset_version_id = version_id;
  f.name = name;
  f.kind = domain::DatafileKind::kS3;
  f.blob_sha256 = std::move(blob_sha256);
  f.created_at = 42;
  return f;
}

inline domain::Datafile MakeVirtual(const std::string& id, const std::string& version_id,
                                    const std::string& name, const std::string& underlying) {
  domain::Datafile f = MakeFile(id, version_id, name);
  f.kind = domain::DatafileKind::kVirtual;
  f.underlying_datafile_id = underlying;
  return f;
}

inline BlobRow MakeBlob(const std::string& sha256, common::Timestamp created_at = 1) {
  return BlobRow{sha256, "md5-" + sha256, 1234, "blobs/" + sha256, created_at};
}

class DatasetRowsTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tx_ = Begin(TxMode::kWrite);
    ASSERT_NE(tx_, nullptr);
    TAIGA_ASSERT_OK(tx_->Users().Insert(domain::User{"u1", "alice", "a@x", "", "", 1}));
    TAIGA_ASSERT_OK(tx_->Users().Insert(domain::User{"u2", "bob", "b@x", "", "", 1}));
    CommitAndRestart();
  }
  void TearDown() override {
    tx_.reset();
    BackendTest::TearDown();
  }

  // Commits tx_ and begins the next write transaction (before a call expected to fail: on
  // PostgreSQL a failed statement ends the transaction's usefulness).
  void CommitAndRestart() {
    TAIGA_ASSERT_OK(tx_->Commit());
    Restart();
  }
  // Rolls tx_ back and begins the next write transaction.
  void Restart() {
    tx_.reset();
    tx_ = Begin(TxMode::kWrite);
    ASSERT_NE(tx_, nullptr);
  }
  int64_t Count(const std::string& sql) { return QueryInt(*tx_, sql); }

  std::unique_ptr<Transaction> tx_;
};

}  // namespace taiga::db::testing
