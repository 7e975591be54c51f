#include "blob/content_disposition.h"

#include <gtest/gtest.h>

namespace taiga::blob {
namespace {

TEST(ContentDisposition, PlainAsciiNeedsNoExtendedForm) {
  EXPECT_EQ(ContentDispositionAttachment("report (1).csv"),
            "attachment; filename=\"report (1).csv\"");
  EXPECT_EQ(ContentDispositionAttachment(""), "attachment");
}

TEST(ContentDisposition, NonAsciiAndQuotesGetFilenameStar) {
  EXPECT_EQ(ContentDispositionAttachment("r\xc3\xa9sum\xc3\xa9 (1).txt"),
            "attachment; filename=\"r_sum_ (1).txt\"; "
            "filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.txt");
  EXPECT_EQ(ContentDispositionAttachment("a\"b\\c%d.txt"),
            "attachment; filename=\"a_b_c_d.txt\"; filename*=UTF-8''a%22b%5Cc%25d.txt");
  EXPECT_EQ(ContentDispositionAttachment("line\nbreak"),
            "attachment; filename=\"line_break\"; filename*=UTF-8''line%0Abreak");
}

}  // namespace
}  // namespace taiga::blob
