// GroupRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::BackendTest;

class SqlGroupRepositoryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = Begin(TxMode::kWrite);
    for (const auto& [id, name] : {std::pair{"u1", "carol"}, {"u2", "alice"}, {"u3", "bob"}}) {
      TAIGA_ASSERT_OK(tx->Users().Insert(domain::User{id, name, "x@example.com", "", "", 1}));
    }
    TAIGA_ASSERT_OK(tx->Commit());
  }
};

TEST_P(SqlGroupRepositoryTest, InsertReturnsIncreasingIdsAndFinds) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t first, tx->Groups().Insert("Admin"));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t second, tx->Groups().Insert("Readers"));
  EXPECT_GT(first, 0);
  EXPECT_GT(second, first);
  TAIGA_ASSERT_OK(tx->Commit());

  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_id, read->Groups().FindById(second));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->id, second);
  EXPECT_EQ(by_id->name, "Readers");
  EXPECT_EQ(by_id->num_users, 0);
  EXPECT_TRUE(by_id->users.empty());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_name, read->Groups().FindByName("Admin"));
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, first);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, read->Groups().FindById(second + 100));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none_by_name, read->Groups().FindByName("admin"));
  EXPECT_FALSE(none_by_name.has_value());  // names are case-sensitive
}

TEST_P(SqlGroupRepositoryTest, DuplicateNameIsAlreadyExists) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Groups().Insert("Readers").status());
  common::Status s = tx->Groups().Insert("Readers").status();
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
}

TEST_P(SqlGroupRepositoryTest, MembersAddIdempotentListRemove) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t g, tx->Groups().Insert("Readers"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(g, "u1"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(g, "u2"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(g, "u1"));  // again: a no-op
  TAIGA_ASSERT_OK_AND_ASSIGN(auto members, tx->Groups().ListMembers(g));
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].name, "alice");  // by name
  EXPECT_EQ(members[0].id, "u2");
  EXPECT_EQ(members[1].name, "carol");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto group, tx->Groups().FindById(g));
  EXPECT_EQ(group->num_users, 2);

  TAIGA_ASSERT_OK_AND_ASSIGN(bool is_member, tx->Groups().IsMember(g, "u1"));
  EXPECT_TRUE(is_member);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool not_member, tx->Groups().IsMember(g, "u3"));
  EXPECT_FALSE(not_member);

  TAIGA_ASSERT_OK(tx->Groups().RemoveMember(g, "u1"));
  TAIGA_ASSERT_OK(tx->Groups().RemoveMember(g, "u3"));  // not a member: a no-op
  TAIGA_ASSERT_OK_AND_ASSIGN(bool removed, tx->Groups().IsMember(g, "u1"));
  EXPECT_FALSE(removed);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto after, tx->Groups().FindById(g));
  EXPECT_EQ(after->num_users, 1);
}

TEST_P(SqlGroupRepositoryTest, AddMemberOfUnknownUserIsFailedPrecondition) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t g, tx->Groups().Insert("Readers"));
  EXPECT_EQ(tx->Groups().AddMember(g, "ghost").code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlGroupRepositoryTest, ListForUserOrdersByIdWithCounts) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t zeta, tx->Groups().Insert("Zeta"));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t alpha, tx->Groups().Insert("Alpha"));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t other, tx->Groups().Insert("Other"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(alpha, "u1"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(zeta, "u1"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(zeta, "u2"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(other, "u3"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto groups, tx->Groups().ListForUser("u1"));
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].id, zeta);
  EXPECT_EQ(groups[0].name, "Zeta");
  EXPECT_EQ(groups[0].num_users, 2);
  EXPECT_EQ(groups[1].id, alpha);
  EXPECT_EQ(groups[1].num_users, 1);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, tx->Groups().ListForUser("nobody"));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlGroupRepositoryTest, IsAdminFollowsTheAdminGroup) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool before, tx->Groups().IsAdmin("u1"));
  EXPECT_FALSE(before);  // no Admin group at all
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t admin, tx->Groups().Insert(domain::kAdminGroupName));
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t other, tx->Groups().Insert("Admins"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(admin, "u1"));
  TAIGA_ASSERT_OK(tx->Groups().AddMember(other, "u2"));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool u1, tx->Groups().IsAdmin("u1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool u2, tx->Groups().IsAdmin("u2"));
  EXPECT_TRUE(u1);
  EXPECT_FALSE(u2);
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlGroupRepositoryTest);

}  // namespace
}  // namespace taiga::db
