#include "convert/python_number.h"

#include <gtest/gtest.h>

#include <cmath>

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
  for (const char* bad : {"", "NA", "nan(1)", "0x10", "1e", "1 0", "_1", "infinit", "."}) {
    EXPECT_FALSE(ParsePythonFloat(bad, &d)) << bad;
  }
}

}  // namespace
}  // namespace taiga::convert
