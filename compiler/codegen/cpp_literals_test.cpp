#include "compiler/codegen/cpp_literals.h"

#include <cstdlib>
#include <gtest/gtest.h>

namespace hpoc::codegen {
namespace {

TEST(CppLiterals, StringsAreEscaped) {
  EXPECT_EQ(cppString("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(cppString("tab\there"), R"("tab\there")");
  EXPECT_EQ(cppString(std::string("\x01"
                                  "7",
                                  2)),
            R"("\0017")");
  // No trigraph for a user's -Wall to warn of.
  EXPECT_EQ(cppString("why?"
                      "?= ok?"),
            R"("why?\?= ok?")");
  EXPECT_EQ(cppString("?"
                      "?"
                      "?/"),
            R"("?\?\?/")");
}

TEST(CppLiterals, MultiLineTextIsOneLiteralPerLine) {
  EXPECT_EQ(cppString("one\ntwo", 2), "\"one\\n\"\n  \"two\"");
  EXPECT_EQ(cppString("single\n"), "\"single\\n\"");
}

TEST(CppLiterals, DoublesRoundTripAndStayDoubles) {
  for (double v : {0.1, 1e-5, 3.0, 0.0, -2.5, 123456789.125, 1e300}) {
    std::string s = cppDouble(v);
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), v) << s;
    EXPECT_NE(s.find_first_of(".e"), std::string::npos) << s;
  }
  EXPECT_EQ(cppDouble(3), "3.0");
  EXPECT_EQ(cppDouble(0.001), "0.001");
}

} // namespace
} // namespace hpoc::codegen
