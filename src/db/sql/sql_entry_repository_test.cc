// EntryRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using domain::EntryType;
using domain::FolderType;
using testing::BackendTest;

domain::Folder MakeFolder(const std::string& id, const std::string& name,
                          std::optional<std::string> creator_id = "u1",
                          FolderType type = FolderType::kFolder) {
  domain::Folder f;
  f.entry.id = id;
  f.entry.type = EntryType::kFolder;
  f.entry.name = name;
  f.entry.creation_date = 1'765'000'000'000'001;
  if (creator_id) f.entry.creator = domain::NamedId{*creator_id, ""};
  f.folder_type = type;
  return f;
}

class SqlEntryRepositoryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tx_ = Begin(TxMode::kWrite);
    ASSERT_NE(tx_, nullptr);
    TAIGA_ASSERT_OK(tx_->Users().Insert(domain::User{"u1", "alice", "a@x", "", "", 1}));
    TAIGA_ASSERT_OK(tx_->Users().Insert(domain::User{"u2", "bob", "b@x", "", "", 1}));
  }
  void TearDown() override {
    tx_.reset();
    BackendTest::TearDown();
  }
  EntryRepository& Entries() { return tx_->Entries(); }
  void AddDataset(const std::string& id, const std::string& name) {
    ExecSql(*tx_, "INSERT INTO entries (id, type, name, creator_id, creation_date) VALUES ('" + id +
                      "', 'dataset', '" + name + "', 'u2', 5)");
    ExecSql(*tx_, "INSERT INTO datasets (id) VALUES ('" + id + "')");
  }
  bool Within(const std::string& entry, const std::string& folder) {
    auto r = Entries().IsWithin(entry, folder);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && *r;
  }

  std::unique_ptr<Transaction> tx_;  // one write transaction per test
};

TEST_P(SqlEntryRepositoryTest, InsertFolderThenFind) {
  domain::Folder home = MakeFolder("f1", "Home", "u1", FolderType::kHome);
  home.entry.description = "my things";
  TAIGA_ASSERT_OK(Entries().InsertFolder(home));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("public", "Public", std::nullopt)));

  TAIGA_ASSERT_OK_AND_ASSIGN(auto folder, Entries().FindFolder("f1"));
  ASSERT_TRUE(folder.has_value());
  EXPECT_EQ(folder->folder_type, FolderType::kHome);
  EXPECT_EQ(folder->entry.id, "f1");
  EXPECT_EQ(folder->entry.type, EntryType::kFolder);
  EXPECT_EQ(folder->entry.name, "Home");
  EXPECT_EQ(folder->entry.description, std::optional<std::string>("my things"));
  EXPECT_EQ(folder->entry.creation_date, 1'765'000'000'000'001);
  ASSERT_TRUE(folder->entry.creator.has_value());
  EXPECT_EQ(folder->entry.creator->id, "u1");
  EXPECT_EQ(folder->entry.creator->name, "alice");

  TAIGA_ASSERT_OK_AND_ASSIGN(auto pub, Entries().FindEntry("public"));
  ASSERT_TRUE(pub.has_value());
  EXPECT_FALSE(pub->creator.has_value());
  EXPECT_FALSE(pub->description.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Entries().FindFolder("nope"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto no_entry, Entries().FindEntry("nope"));
  EXPECT_FALSE(no_entry.has_value());
}

TEST_P(SqlEntryRepositoryTest, InsertFolderTwiceIsAlreadyExists) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f1", "A")));
  EXPECT_EQ(Entries().InsertFolder(MakeFolder("f1", "B")).code(), StatusCode::kAlreadyExists);
}

TEST_P(SqlEntryRepositoryTest, FindFolderOfADatasetIsNullopt) {
  AddDataset("d1", "data");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto folder, Entries().FindFolder("d1"));
  EXPECT_FALSE(folder.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto entry, Entries().FindEntry("d1"));
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->type, EntryType::kDataset);
  EXPECT_EQ(entry->creator->name, "bob");
}

TEST_P(SqlEntryRepositoryTest, ListChildrenFoldersFirstThenByName) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("root", "Root")));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("fb", "b")));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("fa", "a", std::nullopt)));
  AddDataset("dc", "c");
  AddDataset("dA", "A");
  for (const char* child : {"dc", "fb", "dA", "fa"}) {
    TAIGA_ASSERT_OK(Entries().AddToFolder("root", child));
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto children, Entries().ListChildren("root"));
  ASSERT_EQ(children.size(), 4u);
  EXPECT_EQ(children[0].id, "fa");
  EXPECT_FALSE(children[0].creator.has_value());
  EXPECT_EQ(children[1].id, "fb");
  EXPECT_EQ(children[1].creator->name, "alice");
  EXPECT_EQ(children[2].id, "dA");  // byte order: "A" < "c"
  EXPECT_EQ(children[2].type, EntryType::kDataset);
  EXPECT_EQ(children[2].creator->name, "bob");
  EXPECT_EQ(children[3].id, "dc");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto empty, Entries().ListChildren("fa"));
  EXPECT_TRUE(empty.empty());
}

TEST_P(SqlEntryRepositoryTest, ListParentsByName) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("p2", "Zed", "u2")));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("p1", "Alpha", std::nullopt)));
  AddDataset("d1", "data");
  TAIGA_ASSERT_OK(Entries().AddToFolder("p2", "d1"));
  TAIGA_ASSERT_OK(Entries().AddToFolder("p1", "d1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto parents, Entries().ListParents("d1"));
  ASSERT_EQ(parents.size(), 2u);
  EXPECT_EQ(parents[0].id, "p1");
  EXPECT_EQ(parents[0].name, "Alpha");
  EXPECT_FALSE(parents[0].creator_id.has_value());
  EXPECT_EQ(parents[1].id, "p2");
  EXPECT_EQ(parents[1].creator_id, std::optional<std::string>("u2"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Entries().ListParents("p1"));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlEntryRepositoryTest, AddIsIdempotentRemoveReportsPresence) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("root", "Root")));
  AddDataset("d1", "data");
  TAIGA_ASSERT_OK(Entries().AddToFolder("root", "d1"));
  TAIGA_ASSERT_OK(Entries().AddToFolder("root", "d1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto children, Entries().ListChildren("root"));
  EXPECT_EQ(children.size(), 1u);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool removed, Entries().RemoveFromFolder("root", "d1"));
  EXPECT_TRUE(removed);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool again, Entries().RemoveFromFolder("root", "d1"));
  EXPECT_FALSE(again);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool never, Entries().RemoveFromFolder("nope", "d1"));
  EXPECT_FALSE(never);
}

TEST_P(SqlEntryRepositoryTest, AddToUnknownFolderIsFailedPrecondition) {
  AddDataset("d1", "data");
  EXPECT_EQ(Entries().AddToFolder("nope", "d1").code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlEntryRepositoryTest, IsWithinNestedFoldersAndCycles) {
  for (const char* id : {"a", "b", "c", "other"}) {
    TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder(id, id)));
  }
  AddDataset("d", "data");
  TAIGA_ASSERT_OK(Entries().AddToFolder("a", "b"));
  TAIGA_ASSERT_OK(Entries().AddToFolder("b", "c"));
  TAIGA_ASSERT_OK(Entries().AddToFolder("c", "d"));
  EXPECT_TRUE(Within("d", "a"));
  EXPECT_TRUE(Within("c", "a"));
  EXPECT_TRUE(Within("a", "a"));  // an entry is within itself
  EXPECT_FALSE(Within("a", "c"));
  EXPECT_FALSE(Within("d", "other"));
  EXPECT_FALSE(Within("nope", "a"));
  TAIGA_ASSERT_OK(Entries().AddToFolder("c", "a"));  // a -> b -> c -> a
  EXPECT_TRUE(Within("a", "c"));
  EXPECT_FALSE(Within("a", "other"));  // terminates despite the cycle
  EXPECT_FALSE(Within("d", "other"));
}

TEST_P(SqlEntryRepositoryTest, SetNameAndDescription) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f1", "old")));
  TAIGA_ASSERT_OK(Entries().SetName("f1", "new"));
  TAIGA_ASSERT_OK(Entries().SetDescription("f1", "line 1\nline 2"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto entry, Entries().FindEntry("f1"));
  EXPECT_EQ(entry->name, "new");
  EXPECT_EQ(entry->description, std::optional<std::string>("line 1\nline 2"));
  EXPECT_EQ(Entries().SetName("nope", "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(Entries().SetDescription("nope", "x").code(), StatusCode::kNotFound);
}

TEST_P(SqlEntryRepositoryTest, HasEditorGrantViaUserOrGroup) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f1", "one")));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f2", "two")));
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f3", "three")));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t g, tx_->Groups().Insert("Editors"));
  TAIGA_ASSERT_OK(tx_->Groups().AddMember(g, "u2"));
  ExecSql(*tx_,
          "INSERT INTO rights_grants (id, entry_id, user_id, role, created_at) "
          "VALUES ('r1', 'f1', 'u1', 'editor', 1)");
  ExecSql(*tx_,
          "INSERT INTO rights_grants (id, entry_id, group_id, role, created_at) "
          "VALUES ('r2', 'f2', " +
              std::to_string(g) + ", 'editor', 1)");
  ExecSql(*tx_,
          "INSERT INTO rights_grants (id, entry_id, user_id, role, created_at) "
          "VALUES ('r3', 'f3', 'u1', 'viewer', 1)");
  auto grant = [&](const char* entry, const char* user) {
    auto r = Entries().HasEditorGrant(entry, user);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && *r;
  };
  EXPECT_TRUE(grant("f1", "u1"));  // directly
  EXPECT_FALSE(grant("f1", "u2"));
  EXPECT_TRUE(grant("f2", "u2"));  // via the group
  EXPECT_FALSE(grant("f2", "u1"));
  EXPECT_FALSE(grant("f3", "u1"));  // a viewer grant is not an editor grant
  EXPECT_FALSE(grant("nope", "u1"));
}

TEST_P(SqlEntryRepositoryTest, GrantsInsertListDelete) {
  TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder("f1", "one")));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t g, tx_->Groups().Insert("Editors"));
  domain::RightsGrant to_user{"g1", "f1", "u2", std::nullopt, std::nullopt, std::nullopt,
                              "editor", 10};
  domain::RightsGrant to_group{"g2", "f1", std::nullopt, std::nullopt, g, std::nullopt,
                               "editor", 20};
  TAIGA_ASSERT_OK(Entries().InsertGrant(to_user));
  TAIGA_ASSERT_OK(Entries().InsertGrant(to_group));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto grants, Entries().ListGrants("f1"));
  ASSERT_EQ(grants.size(), 2u);
  EXPECT_EQ(grants[0].id, "g1");
  EXPECT_EQ(grants[0].user_name, "bob");
  EXPECT_FALSE(grants[0].group_id.has_value());
  EXPECT_EQ(grants[1].group_id, g);
  EXPECT_EQ(grants[1].group_name, "Editors");
  EXPECT_TRUE(*Entries().HasEditorGrant("f1", "u2"));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool removed, Entries().DeleteGrant("f1", "g1"));
  EXPECT_TRUE(removed);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool again, Entries().DeleteGrant("f1", "g1"));
  EXPECT_FALSE(again);
  EXPECT_FALSE(*Entries().HasEditorGrant("f1", "u2"));
  domain::RightsGrant dangling{"g3", "nope", "u2", std::nullopt, std::nullopt, std::nullopt,
                               "editor", 30};
  EXPECT_EQ(Entries().InsertGrant(dangling).code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlEntryRepositoryTest, FilterAccessedKeepsInputOrder) {
  std::vector<std::string> ids;
  for (int i = 0; i < 150; ++i) {  // more than one IN-clause chunk
    ids.push_back("f" + std::to_string(i));
    TAIGA_ASSERT_OK(Entries().InsertFolder(MakeFolder(ids.back(), ids.back())));
  }
  for (const char* id : {"f3", "f1", "f120"}) {
    ExecSql(*tx_, std::string("INSERT INTO access_logs (user_id, entry_id, last_access) "
                              "VALUES ('u1', '") +
                      id + "', 7)");
  }
  ExecSql(*tx_, "INSERT INTO access_logs (user_id, entry_id, last_access) VALUES ('u2','f2',7)");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto accessed, Entries().FilterAccessed("u1", ids));
  EXPECT_EQ(accessed, (std::vector<std::string>{"f1", "f3", "f120"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto some, Entries().FilterAccessed("u1", {"f120", "f2", "zz"}));
  EXPECT_EQ(some, (std::vector<std::string>{"f120"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Entries().FilterAccessed("u1", {}));
  EXPECT_TRUE(none.empty());
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlEntryRepositoryTest);

}  // namespace
}  // namespace taiga::db
