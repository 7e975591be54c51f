#include "common/markup_escape.h"

#include <gtest/gtest.h>

namespace taiga::common {
namespace {

TEST(EscapeMarkup, EscapesTheFiveSpecialCharactersOnly) {
  EXPECT_EQ(EscapeMarkup("a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c&apos;d");
  EXPECT_EQ(EscapeMarkup("/taiga/ü"), "/taiga/ü");
  EXPECT_EQ(EscapeMarkup(""), "");
  EXPECT_EQ(EscapeMarkup("&amp;"), "&amp;amp;");  // not idempotent: escape once
}

}  // namespace
}  // namespace taiga::common
