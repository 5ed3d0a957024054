#include "runtime/trials/metrics_reader.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace hpoc::rt;

TEST(MetricsReader, FinalLineWins) {
  MetricsReading r = readJsonLines("{\"epoch\":1,\"acc\":0.5}\n{\"epoch\":2,\"acc\":0.7}\n"
                                   "{\"final\":true,\"acc\":0.65}\n");
  EXPECT_EQ(r.trajectory.size(), 2u);
  EXPECT_DOUBLE_EQ(*goalMetric(r, "acc"), 0.65);
}

TEST(MetricsReader, LastStepWithoutFinal) {
  MetricsReading r = readJsonLines("{\"acc\":0.5}\nnot json\n{\"loss\":1}\n{\"acc\":0.7,");
  EXPECT_DOUBLE_EQ(*goalMetric(r, "acc"), 0.5);
  EXPECT_EQ(r.badLines, 1);
  EXPECT_TRUE(r.truncatedTail);
  EXPECT_FALSE(goalMetric(r, "f1"));
}

TEST(MetricsReader, NonFiniteValues) {
  MetricsReading r = readJsonLines("{\"acc\": NaN}\n{\"final\": true, \"acc\": \"-inf\"}\n");
  EXPECT_TRUE(std::isnan(*goalMetric(readJsonLines("{\"acc\": NaN}\n"), "acc")));
  EXPECT_TRUE(std::isinf(*goalMetric(r, "acc")));
}

TEST(MetricsReader, NumbersWrittenAsStrings) {
  EXPECT_DOUBLE_EQ(*goalMetric(readJsonLines("{\"acc\": \"0.91\"}\n"), "acc"), 0.91);
  EXPECT_DOUBLE_EQ(*metricNumber(nlohmann::json("1e-3")), 1e-3);
  EXPECT_FALSE(metricNumber(nlohmann::json("0.9 (best)")));
  EXPECT_FALSE(metricNumber(nlohmann::json(" 0.9")));
  EXPECT_FALSE(metricNumber(nlohmann::json("")));
  EXPECT_FALSE(metricNumber(nlohmann::json(true)));
}

TEST(MetricsReader, OneJsonDocumentInsteadOfLines) {
  // json.dump(metrics, f, indent=2): one object over several lines is the final line.
  MetricsReading r = readJsonLines("{\n  \"val_acc\": 0.83,\n  \"loss\": NaN\n}\n");
  EXPECT_EQ(r.badLines, 0);
  EXPECT_TRUE(r.trajectory.empty());
  EXPECT_DOUBLE_EQ(*goalMetric(r, "val_acc"), 0.83);
  EXPECT_TRUE(std::isnan(*goalMetric(r, "loss")));
  // An array of objects is the trajectory, with its "final" row if any.
  r = readJsonLines("[\n {\"epoch\": 1, \"acc\": 0.5},\n {\"epoch\": 2, \"acc\": 0.6}\n]\n");
  EXPECT_EQ(r.trajectory.size(), 2u);
  EXPECT_DOUBLE_EQ(*goalMetric(r, "acc"), 0.6);
  // Lines that are neither stay bad lines.
  r = readJsonLines("epoch 1 acc 0.5\nepoch 2 acc 0.6\n");
  EXPECT_EQ(r.badLines, 2);
  EXPECT_FALSE(goalMetric(r, "acc"));
}

TEST(MetricsReader, NestedObjectsAreNamedOuterDotInner) {
  MetricsReading r =
      readJsonLines("{\"epoch\": 1, \"train\": {\"loss\": 0.7}, \"val\": {\"acc\": 0.5, \"top\": "
                    "{\"k5\": 0.9}}}\n"
                    "{\"final\": true, \"val\": {\"acc\": 0.6}, \"val.acc\": 0.65}\n");
  ASSERT_EQ(r.trajectory.size(), 1u);
  EXPECT_EQ(r.trajectory[0].dump(),
            R"({"epoch":1,"train.loss":0.7,"val.acc":0.5,"val.top.k5":0.9})");
  EXPECT_DOUBLE_EQ(*goalMetric(r, "val.acc"), 0.65); // a flat name wins over a nested one
  EXPECT_FALSE(r.final.contains("val"));
}

TEST(MetricsReader, BareNanInsideAStringIsLeftAlone) {
  // An escaped backslash ends a string: NaN after it is a bare value again.
  MetricsReading r = readJsonLines("{\"note\": \"a\\\\\", \"acc\": NaN, \"tag\": \"NaN\"}\n");
  ASSERT_EQ(r.trajectory.size(), 1u);
  EXPECT_TRUE(std::isnan(*goalMetric(r, "acc")));
  EXPECT_EQ(r.trajectory[0]["tag"], "NaN");
}

TEST(MetricsReader, StdoutPatterns) {
  MetricsReading r;
  std::string err;
  ASSERT_TRUE(readStdoutPatterns("epoch 1 acc=0.5\nnoise\nepoch 2 acc=0.75 loss=0.3\n",
                                 {{"acc", "acc=([0-9.]+)"}, {"loss", "loss=([0-9.]+)"}}, &r, &err));
  ASSERT_EQ(r.trajectory.size(), 2u);
  EXPECT_EQ(r.trajectory[1]["line"], 3);
  EXPECT_DOUBLE_EQ(*goalMetric(r, "acc"), 0.75);
  EXPECT_FALSE(readStdoutPatterns("x", {{"acc", "("}}, &r, &err));
}

TEST(MetricsReader, StdoutPatternsReadAProgressBarAsATerminalShowsIt) {
  // Each epoch's bar is redrawn after '\r' and ends with a newline; the metric of
  // an epoch is the one its bar showed last, even when the last drawing lacks it.
  MetricsReading r;
  std::string err;
  ASSERT_TRUE(
      readStdoutPatterns("Epoch 0:  50%|# | loss=0.9\rEpoch 0: 100%|##| loss=0.7 val_acc=0.61\r"
                         "Epoch 0: 100%|##| loss=0.6\n"
                         "Epoch 1:  50%|# | loss=0.5 val_acc=0.61\rEpoch 1: 100%|##| loss=0.4 "
                         "val_acc=0.72\r\n",
                         {{"val_acc", "val_acc=([0-9.]+)"}, {"loss", "loss=([0-9.]+)"}}, &r, &err));
  ASSERT_EQ(r.trajectory.size(), 2u);
  EXPECT_DOUBLE_EQ(r.trajectory[0]["loss"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(r.trajectory[0]["val_acc"].get<double>(), 0.61);
  EXPECT_DOUBLE_EQ(r.trajectory[1]["loss"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(*goalMetric(r, "val_acc"), 0.72);
}

TEST(MetricsReader, AHundredKilobyteLineDoesNotExhaustTheStack) {
  // std::regex recursed once per character of `.*` and overflowed the stack here.
  std::string line = "acc=0.93 " + std::string(100'000, 'x') + "\n";
  MetricsReading r;
  std::string err;
  ASSERT_TRUE(readStdoutPatterns(line, {{"acc", "acc=([0-9.]+).*"}}, &r, &err)) << err;
  ASSERT_EQ(r.trajectory.size(), 1u);
  EXPECT_DOUBLE_EQ(r.trajectory[0]["acc"].get<double>(), 0.93);
}

TEST(MetricsReader, PatternsRe2RefusesAreErrorsNotCrashes) {
  MetricsReading r;
  std::string err;
  EXPECT_FALSE(readStdoutPatterns("acc=1\n", {{"acc", "acc=(?=1)(1)"}}, &r, &err));
  EXPECT_NE(err.find("the pattern for 'acc' is not a valid regular expression"), std::string::npos)
      << err;
  EXPECT_FALSE(readStdoutPatterns("acc=1\n", {{"acc", "acc=1"}}, &r, &err));
  EXPECT_NE(err.find("no capture group"), std::string::npos) << err;
  EXPECT_TRUE(readStdoutPatterns("acc=1\n", {{"acc", "acc=(a){99999999999999999999}"}}, &r, &err));
}

TEST(MetricsReader, AFinalFieldThatIsNotABooleanMarksAStep) {
  // Found by the metrics fuzzer: {"final": 1} threw a type error in the trial runner.
  MetricsReading r =
      readJsonLines("{\"final\": 1, \"acc\": 0.5}\n{\"final\": \"yes\", \"acc\": 0.6}\n");
  EXPECT_TRUE(r.final.is_null());
  ASSERT_EQ(r.trajectory.size(), 2u);
  EXPECT_DOUBLE_EQ(*goalMetric(r, "acc"), 0.6);
}
