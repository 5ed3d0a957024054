#include "dsl/name_suggester.h"

#include <gtest/gtest.h>

namespace hpoc::dsl {
namespace {

TEST(NameSuggester, SuggestsTheNearestWithinAFewEdits) {
  EXPECT_EQ(closestName("maximise", {"maximize", "minimize", "trials"}), "maximize");
  EXPECT_EQ(closestName("paralel", {"seed", "parallel"}), "parallel");
  EXPECT_EQ(closestName("adma", {"adam", "sgd"}), "adam"); // a swap is one edit
  EXPECT_EQ(closestName("budget", {"strategy", "llm", "seed"}), "");
  EXPECT_EQ(didYouMean("stdot", {"jsonl", "stdout"}), "; did you mean 'stdout'?");
  EXPECT_EQ(didYouMean("toml", {"json", "yaml"}), "");
}

TEST(NameSuggester, ReadsTheNamesOfAWrittenList) {
  EXPECT_EQ(listedNames("name, path, description"),
            (std::vector<std::string>{"name", "path", "description"}));
  EXPECT_EQ(listedNames("trial_time, study_time or memory"),
            (std::vector<std::string>{"trial_time", "study_time", "memory"}));
  EXPECT_EQ(listedNames("log, default, when, or a description"),
            (std::vector<std::string>{"log", "default", "when", "a", "description"}));
}

} // namespace
} // namespace hpoc::dsl
