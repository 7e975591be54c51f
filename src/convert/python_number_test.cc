#include "convert/python_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "convert/python_float_format.h"

namespace taiga::convert {
namespace {

std::string Repr(double v) {
  std::string out;
  AppendPythonFloatRepr(v, out);
  return out;
}

TEST(PythonFloatRepr, MatchesPython) {
  EXPECT_EQ(Repr(1.0), "1.0");
  EXPECT_EQ(Repr(2.0), "2.0");
  EXPECT_EQ(Repr(1.2), "1.2");
  EXPECT_EQ(Repr(1000.0), "1000.0");
  EXPECT_EQ(Repr(0.0001), "0.0001");
  EXPECT_EQ(Repr(0.00001), "1e-05");
  EXPECT_EQ(Repr(1e15), "1000000000000000.0");
  EXPECT_EQ(Repr(1e16), "1e+16");
  EXPECT_EQ(Repr(1.5e300), "1.5e+300");
  EXPECT_EQ(Repr(-0.0), "-0.0");
  EXPECT_EQ(Repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Repr(5e-324), "5e-324");
  EXPECT_EQ(Repr(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(Repr(1.0 / 0.0), "inf");
  EXPECT_EQ(Repr(-1.0 / 0.0), "-inf");
}

TEST(PythonNumbers, ParseAsIntAndFloatDo) {
  int64_t i = 0;
  EXPECT_EQ(ParsePythonInt(" +1_000\n", &i), IntParse::kInt);
  EXPECT_EQ(i, 1000);
  EXPECT_EQ(ParsePythonInt("-9223372036854775808", &i), IntParse::kInt);
  EXPECT_EQ(i, INT64_MIN);
  EXPECT_EQ(ParsePythonInt("9223372036854775808", &i), IntParse::kOverflow);
  EXPECT_EQ(ParsePythonInt("1__0", &i), IntParse::kNotInt);
  EXPECT_EQ(ParsePythonInt("1.0", &i), IntParse::kNotInt);
  EXPECT_EQ(ParsePythonInt("", &i), IntParse::kNotInt);
  double d = 0;
  EXPECT_TRUE(ParsePythonFloat("1_0.5e1", &d));
  EXPECT_EQ(d, 105.0);
  EXPECT_TRUE(ParsePythonFloat("-Infinity", &d));
  EXPECT_EQ(d, -1.0 / 0.0);
  EXPECT_TRUE(ParsePythonFloat("1e400", &d));
  EXPECT_EQ(d, 1.0 / 0.0);
  EXPECT_TRUE(ParsePythonFloat("-1e-400", &d));
  EXPECT_EQ(d, 0.0);
  EXPECT_TRUE(std::signbit(d));
  EXPECT_TRUE(ParsePythonFloat(" NaN ", &d));
  EXPECT_TRUE(std::isnan(d));
  for (const char* bad : {"", "NA", "nan(1)", "0x10", "1e", "1 0", "_1", "infinit", ".", "-", "+-1",
                          "1e+", "--1", "1.5e3x"}) {
    EXPECT_FALSE(ParsePythonFloat(bad, &d)) << bad;
  }
  for (auto [text, want] : std::initializer_list<std::pair<const char*, double>>{
           {"+1.5", 1.5},
           {".5", 0.5},
           {"5.", 5.0},
           {"1E+05", 1e5},
           {" -2.5\t", -2.5},
           {"-1.2345678901234567", -1.2345678901234567},
           {"0.30000000000000004", 0.1 + 0.2},
           {"2.2250738585072014e-308", 2.2250738585072014e-308},
           {"5e-324", 5e-324},
           {"179769313486231570814527423731704356798070567525844996598917476803157260780028538760"
            "589558632766878171540458953514382464234321326889464182768467546703537516986049910576"
            "551282076245490090389328944075868508455133942304583236903222948165808559332123348274"
            "797826204144723168738177180919299881250404026184124858368",
            1.7976931348623157e308}}) {
    EXPECT_TRUE(ParsePythonFloat(text, &d)) << text;
    EXPECT_EQ(d, want) << text;
  }
}

TEST(PythonNumbers, PlainDecimalStopsAtTheFieldsEnd) {
  const std::string row = "1.25,-3e2,NA,,+1, 2,7";
  const char* p = row.data();
  const char* end = row.data() + row.size();
  double d = 0;
  p = ParsePlainDecimal(p, end, &d);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, ',');
  EXPECT_EQ(d, 1.25);
  p = ParsePlainDecimal(p + 1, end, &d);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(d, -300.0);
  EXPECT_EQ(ParsePlainDecimal(p + 1, end, &d), nullptr);  // NA
  EXPECT_EQ(ParsePlainDecimal(p + 4, end, &d), nullptr);  // empty
  EXPECT_EQ(ParsePlainDecimal(p + 5, end, &d), nullptr);  // "+1": not plain
  EXPECT_EQ(ParsePlainDecimal(p + 8, end, &d), nullptr);  // " 2": not plain
  EXPECT_EQ(ParsePlainDecimal(end - 1, end, &d), end);
  EXPECT_EQ(d, 7.0);
  EXPECT_EQ(ParsePlainDecimal(end, end, &d), nullptr);
}

}  // namespace
}  // namespace taiga::convert
