#include "domain/names.h"

#include <gtest/gtest.h>

#include "domain/rights.h"

namespace taiga::domain {
namespace {

TEST(IsValidUtf8, AcceptsMultibyteAndRejectsBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("Straße Ä é 日本"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));             // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));         // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));     // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(ValidateName, RefusesBlankControlSlashAndLong) {
  EXPECT_TRUE(ValidateName("name", "My data (v2)").ok());
  EXPECT_FALSE(ValidateName("name", "").ok());
  EXPECT_FALSE(ValidateName("name", "   ").ok());
  EXPECT_FALSE(ValidateName("name", "a\nb").ok());
  EXPECT_FALSE(ValidateName("name", "a\tb").ok());
  EXPECT_FALSE(ValidateName("name", "../etc/passwd").ok());
  EXPECT_FALSE(ValidateName("name", std::string(1025, 'a')).ok());
  auto s = ValidateName("parentName", "");
  EXPECT_NE(s.message().find("parentName"), std::string::npos) << s.message();
}

TEST(ValidateDescription, AllowsNewlinesButNotOtherControls) {
  EXPECT_TRUE(ValidateDescription("d", "line 1\nline 2\ttab").ok());
  EXPECT_FALSE(ValidateDescription("d", std::string("a\0b", 3)).ok());
  EXPECT_FALSE(ValidateDescription("d", "\xff").ok());
}

TEST(CanEdit, CreatorGrantOrAdmin) {
  RightsFacts f;
  f.actor_id = "u1";
  EXPECT_FALSE(CanEdit(f));
  f.creator_id = "u2";
  EXPECT_FALSE(CanEdit(f));
  f.creator_id = "u1";
  EXPECT_TRUE(CanEdit(f));
  f.creator_id = "u2";
  f.has_editor_grant = true;
  EXPECT_TRUE(CanEdit(f));
  f.has_editor_grant = false;
  f.actor_is_admin = true;
  EXPECT_TRUE(CanEdit(f));
}

}  // namespace
}  // namespace taiga::domain
