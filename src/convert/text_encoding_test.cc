#include "convert/text_encoding.h"

#include <gtest/gtest.h>

namespace taiga::convert {
namespace {

constexpr size_t kNpos = std::string_view::npos;

TEST(TextEncoding, ParsesLabelsAsPythonNormalisesThem) {
  EXPECT_EQ(*ParseTextEncoding(""), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("utf8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("UTF-8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("ISO-8859-1"), TextEncoding::kLatin1);
  EXPECT_EQ(*ParseTextEncoding("ISO 8859-1"), TextEncoding::kLatin1);
  EXPECT_EQ(*ParseTextEncoding("latin_1"), TextEncoding::kLatin1);
  EXPECT_EQ(*ParseTextEncoding("Windows-1252"), TextEncoding::kWindows1252);
  EXPECT_EQ(*ParseTextEncoding("US-ASCII"), TextEncoding::kAscii);
  common::Result<TextEncoding> bad = ParseTextEncoding("utf-16");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unsupported encoding \"utf-16\": use utf-8, iso-8859-1 (latin-1), windows-1252 or "
            "ascii");
}

TEST(TextEncoding, FindsInvalidUtf8LikePython) {
  EXPECT_EQ(FindInvalidUtf8("plain \xC2\xAE \xE2\x82\xAC \xF0\x9F\x98\x80"), kNpos);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3("), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xE2\x82"), 0u);          // truncated
}

TEST(TextEncoding, StoredStringsGoBackToTheirBytes) {
  std::string out;
  // Latin-1 decoded text (what the original stored) comes back as the original bytes.
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kLatin1, "\xC3\x82\xC2\xAE", out), kNpos);
  EXPECT_EQ(out, "\xC2\xAE");
  out.clear();
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kUtf8, "\xC2\xAE", out), kNpos);
  EXPECT_EQ(out, "\xC2\xAE");
  out.clear();
  // Not valid UTF-8: read as Latin-1, as the original reader falls back.
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kUtf8, "caf\xE9", out), kNpos);
  EXPECT_EQ(out, "caf\xC3\xA9");
  out.clear();
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kLatin1, "caf\xE9", out), kNpos);
  EXPECT_EQ(out, "caf\xE9");
  out.clear();
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kWindows1252, "\xE2\x82\xAC", out), kNpos);
  EXPECT_EQ(out, "\x80");
  out.clear();
  EXPECT_EQ(AppendStoredStringEncoded(TextEncoding::kLatin1, "ab\xE2\x82\xAC", out), 2u);
}

TEST(TextEncoding, DecodesToUtf8) {
  std::string out;
  EXPECT_EQ(AppendDecodedAsUtf8(TextEncoding::kLatin1, "\xFF", out), kNpos);
  EXPECT_EQ(out, "\xC3\xBF");
  EXPECT_EQ(AppendDecodedAsUtf8(TextEncoding::kWindows1252, "a\x9D", out), 1u);
  EXPECT_EQ(HexBytesAt("ab\xC3\x28", 2), "C3 28");
}

}  // namespace
}  // namespace taiga::convert
