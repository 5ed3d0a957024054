#include "runtime/support/top_level.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace hpoc::rt;

TEST(TopLevel, AnEscapedExceptionIsOneLineAndADocumentedStatus) {
  std::ostringstream err;
  int status = runGuarded(
      "hpoc: s", [] { return nlohmann::json("1").get<int>(); }, err);
  EXPECT_EQ(status, kInternalErrorStatus);
  EXPECT_EQ(status, 70);
  EXPECT_EQ(err.str().rfind("hpoc: s: internal error: [json.exception.type_error.302]", 0), 0u)
      << err.str();
  EXPECT_EQ(runGuarded(
                "x",
                [] {
                  throw 3;
                  return 0;
                },
                err),
            70);
}

TEST(TopLevel, TheBodysOwnStatusPassesThrough) {
  std::ostringstream err;
  EXPECT_EQ(runGuarded(
                "x", [] { return 2; }, err),
            2);
  EXPECT_EQ(err.str(), "");
}
