#include "convert/csv_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace taiga::convert {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Tokenizes `input` handing out `max_read` bytes per source read and `read_size` per refill.
common::Result<Rows> Tokenize(const std::string& input, char delimiter = ',',
                              TextEncoding encoding = TextEncoding::kUtf8,
                              size_t max_read = SIZE_MAX, size_t read_size = 1 << 16,
                              std::vector<uint64_t>* lines = nullptr) {
  StringByteSource source(input, max_read);
  CsvTokenizer tokenizer(source, {delimiter, encoding, read_size});
  CsvRecord record;
  Rows rows;
  for (;;) {
    common::Result<bool> more = tokenizer.Next(record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::vector<std::string> row;
    for (size_t i = 0; i < record.size(); ++i) row.emplace_back(record[i]);
    rows.push_back(row);
    if (lines != nullptr) lines->push_back(record.line());
  }
  return rows;
}

// Every read size from one byte up must give the same records (block boundaries anywhere).
void ExpectRows(const std::string& input, const Rows& expected, char delimiter = ',',
                TextEncoding encoding = TextEncoding::kUtf8) {
  for (size_t max_read : {size_t{1}, size_t{2}, size_t{3}, size_t{5}, size_t{7}, SIZE_MAX}) {
    for (size_t read_size : {size_t{16}, size_t{17}, size_t{1} << 16}) {
      common::Result<Rows> rows = Tokenize(input, delimiter, encoding, max_read, read_size);
      ASSERT_TRUE(rows.ok()) << rows.status().ToString();
      EXPECT_EQ(*rows, expected) << "max_read " << max_read << " read_size " << read_size;
    }
  }
}

TEST(CsvTokenizer, SplitsSimpleRecords) {
  ExpectRows("a,b,c\nd,1,2\n", {{"a", "b", "c"}, {"d", "1", "2"}});
  ExpectRows("a,b,c\nd,1,2", {{"a", "b", "c"}, {"d", "1", "2"}});
}

TEST(CsvTokenizer, AcceptsLfCrlfAndCrLineEnds) {
  Rows expected = {{"a", "b"}, {"1", "2"}, {"3", "4"}};
  ExpectRows("a,b\r\n1,2\r\n3,4\r\n", expected);
  ExpectRows("a,b\r1,2\r3,4\r", expected);
  ExpectRows("a,b\n1,2\r\n3,4\r", expected);
}

TEST(CsvTokenizer, EmptyFieldsAndTrailingDelimiters) {
  ExpectRows(",\na,,b,\n", {{"", ""}, {"a", "", "b", ""}});
  ExpectRows("a,", {{"a", ""}});
  ExpectRows("\"\"\n", {{""}});
}

TEST(CsvTokenizer, SkipsBlankLines) {
  ExpectRows("\n\na,b\n\n\r\n1,2\n\n", {{"a", "b"}, {"1", "2"}});
  ExpectRows("", {});
  ExpectRows("\n\r\n", {});
}

TEST(CsvTokenizer, QuotedFields) {
  ExpectRows("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", {{"a,b", "say \"hi\"", ""}});
  // A quote that is not the first character is an ordinary character.
  ExpectRows("a\"b,c\"\n", {{"a\"b", "c\""}});
  // Text after a closing quote is kept, as Python's csv does.
  ExpectRows("\"ab\"cd,\"x\" ,e\n", {{"abcd", "x ", "e"}});
  // A space before the quote makes the quote ordinary.
  ExpectRows(" \"a\",b\n", {{" \"a\"", "b"}});
}

TEST(CsvTokenizer, EmbeddedLineEndsBecomeLf) {
  ExpectRows("\"l1\nl2\",\"m1\r\nm2\",\"n1\rn2\"\nx,y,z\n",
             {{"l1\nl2", "m1\nm2", "n1\nn2"}, {"x", "y", "z"}});
}

TEST(CsvTokenizer, ReportsTheLineEachRecordStartsOn) {
  std::vector<uint64_t> lines;
  ASSERT_TRUE(
      Tokenize("a\n\n\"b\nc\"\r\nd\re\r\n", ',', TextEncoding::kUtf8, SIZE_MAX, 1 << 16, &lines)
          .ok());
  EXPECT_EQ(lines, (std::vector<uint64_t>{1, 3, 5, 6}));
}

TEST(CsvTokenizer, PlainLinesComeWholeOthersThroughNext) {
  StringByteSource source("h1,h2\na,b\n\"q\",c\nd,e\r\n\nf,\xC3\xA9\ng,h\ni,j", SIZE_MAX);
  CsvTokenizer t(source, {',', TextEncoding::kUtf8, 1 << 16});
  std::string_view line;
  uint64_t number = 0;
  CsvRecord r;
  EXPECT_FALSE(t.NextPlainLine(&line, &number));  // not before the first record (BOM check)
  ASSERT_TRUE(*t.Next(r));
  ASSERT_TRUE(t.NextPlainLine(&line, &number));
  EXPECT_EQ(line, "a,b");
  EXPECT_EQ(number, 2u);
  std::vector<std::string> rest;  // each later record, as "P:" (plain) or "N:" (Next) + line
  for (;;) {
    if (t.NextPlainLine(&line, &number)) {
      rest.push_back("P" + std::to_string(number) + ":" + std::string(line));
      continue;
    }
    common::Result<bool> more = t.Next(r);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    rest.push_back("N" + std::to_string(r.line()) + ":" + std::string(r[0]) + "," +
                   std::string(r[1]));
  }
  // CRLF lines are plain; a quote, a blank line before it, non-ASCII bytes, no LF at the end:
  // through Next.
  EXPECT_EQ(rest,
            (std::vector<std::string>{"N3:q,c", "P4:d,e", "N6:f,\xC3\xA9", "P7:g,h", "N8:i,j"}));
}

TEST(CsvTokenizer, PlainLinesEndInLfOrCrlfOnly) {
  // Lines of every length around the 16-byte steps, ending in LF or CRLF, or holding a lone CR.
  for (size_t len = 1; len < 40; ++len) {
    for (const std::string end : {"\n", "\r\n", "\rx\n"}) {
      StringByteSource source("h\n" + std::string(len, 'a') + end + "b\n", SIZE_MAX);
      CsvTokenizer t(source, {',', TextEncoding::kUtf8, 1 << 16});
      CsvRecord r;
      ASSERT_TRUE(*t.Next(r));
      std::string_view line;
      uint64_t number = 0;
      if (end == "\rx\n") {  // a lone CR ends a record: Next's to read
        EXPECT_FALSE(t.NextPlainLine(&line, &number)) << len;
        continue;
      }
      ASSERT_TRUE(t.NextPlainLine(&line, &number)) << len << " " << end.size();
      EXPECT_EQ(line, std::string(len, 'a')) << len;
      ASSERT_TRUE(t.NextPlainLine(&line, &number)) << len << " " << end.size();
      EXPECT_EQ(line, "b");
      EXPECT_EQ(number, 3u);
    }
  }
}

TEST(CsvTokenizer, SplitPlainLineSplitsAsNextDoes) {
  std::vector<std::string_view> f;
  for (const std::string line : {"a,b,,c,", "", ",", "0123456789abcdef,0123456789abcdef,x",
                                 "one field only, with spaces and more than 16 bytes"}) {
    CsvTokenizer::SplitPlainLine(line, ',', f);
    StringByteSource source(line + "\n", SIZE_MAX);
    CsvTokenizer t(source, {',', TextEncoding::kUtf8, 1 << 16});
    CsvRecord r;
    common::Result<bool> more = t.Next(r);
    ASSERT_TRUE(more.ok());
    if (line.empty()) {  // a blank line is no record; split, it is one empty field
      EXPECT_FALSE(*more);
      EXPECT_EQ(f, std::vector<std::string_view>{""});
      continue;
    }
    ASSERT_EQ(f.size(), r.size()) << line;
    for (size_t i = 0; i < f.size(); ++i) EXPECT_EQ(f[i], r[i]) << line;
  }
  CsvTokenizer::SplitPlainLine("x\ty,z\t", '\t', f);
  EXPECT_EQ(f, (std::vector<std::string_view>{"x", "y,z", ""}));
}

TEST(CsvTokenizer, TabDelimiter) { ExpectRows("a\tb,c\t\"d\te\"\n", {{"a", "b,c", "d\te"}}, '\t'); }

TEST(CsvTokenizer, DropsAUtf8Bom) {
  ExpectRows(
      "\xEF\xBB\xBF"
      "a,b\n",
      {{"a", "b"}});
  ExpectRows("\xEF\xBB\xBF", {});
  // Declared Latin-1, the same bytes are three characters of the first name.
  ExpectRows(
      "\xEF\xBB\xBF"
      "a\n",
      {{"\xC3\xAF\xC2\xBB\xC2\xBF"
        "a"}},
      ',', TextEncoding::kLatin1);
}

TEST(CsvTokenizer, VeryLongFields) {
  std::string big(300000, 'x');  // over Python's csv field limit (131072)
  ExpectRows("h\n" + big + "\n\"" + big + "\"\n", {{"h"}, {big}, {big}});
  std::string huge(20 << 20, 'y');
  common::Result<Rows> rows = Tokenize("\"" + huge + "\"," + huge);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{huge, huge}}));
}

TEST(CsvTokenizer, DecodesLatin1AndWindows1252ToUtf8) {
  ExpectRows("caf\xE9,\xAE\n", {{"caf\xC3\xA9", "\xC2\xAE"}}, ',', TextEncoding::kLatin1);
  ExpectRows("\x80,\x93q\x94\n", {{"\xE2\x82\xAC", "\xE2\x80\x9Cq\xE2\x80\x9D"}}, ',',
             TextEncoding::kWindows1252);
  ExpectRows("caf\xC3\xA9\n", {{"caf\xC3\xA9"}});  // UTF-8 passes through
}

TEST(CsvTokenizer, UndecodableBytesNameLineAndColumn) {
  common::Result<Rows> rows = Tokenize("a,b\nx,caf\xE9\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), common::StatusCode::kInvalidArgument);
  EXPECT_EQ(rows.status().message(),
            "Line 2, column 2: the bytes E9 are not valid utf-8 (the declared encoding). Declare "
            "the file's real encoding (for example iso-8859-1 or windows-1252) or save it as "
            "UTF-8.");
  EXPECT_FALSE(Tokenize("\x81\n", ',', TextEncoding::kWindows1252).ok());
  EXPECT_FALSE(Tokenize("\xC3\xA9\n", ',', TextEncoding::kAscii).ok());
}

TEST(CsvTokenizer, UnclosedQuoteIsAnError) {
  common::Result<Rows> rows = Tokenize("a,b\n1,\"2\n3,4\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            "Line 2, column 2: a quoted field is still open at the end of the file (expected a "
            "closing \", found the end of the input). Check for a stray quote character.");
}

TEST(CsvTokenizer, RewindStartsAgain) {
  StringByteSource source(
      "\xEF\xBB\xBF"
      "a\nb\n",
      2);
  CsvTokenizer tokenizer(source, {});
  CsvRecord record;
  for (int pass = 0; pass < 2; ++pass) {
    ASSERT_TRUE(*tokenizer.Next(record));
    EXPECT_EQ(record[0], "a");
    EXPECT_EQ(record.line(), 1u);
    ASSERT_TRUE(*tokenizer.Next(record));
    EXPECT_EQ(record[0], "b");
    ASSERT_FALSE(*tokenizer.Next(record));
    EXPECT_EQ(tokenizer.bytes_read(), 7u);
    ASSERT_TRUE(tokenizer.Rewind().ok());
  }
}

}  // namespace
}  // namespace taiga::convert
