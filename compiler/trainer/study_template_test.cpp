#include "compiler/sema/study_checker.h"
#include "compiler/trainer/study_template.h"
#include "compiler/trainer/trainer_test_util.h"

#include <cmath>
#include <gtest/gtest.h>

namespace hpoc::trainer {
namespace {

using namespace testing;

TEST(StudyTemplate, LogScaleNames) {
  for (const char* n : {"learning_rate", "lr", "weight_decay", "lambda", "alpha", "reg_lambda",
                        "eps", "learningRate", "l2"})
    EXPECT_TRUE(looksLogScaled(n)) << n;
  for (const char* n : {"depth", "epochs", "dropout", "batch_size", "regularly"})
    EXPECT_FALSE(looksLogScaled(n)) << n;
}

TEST(StudyTemplate, TemplatePassesTheChecker) {
  HparamsStruct hp;
  hp.name = hp.qualifiedName = "Hparams";
  hp.fields = {numberField("learning_rate", FieldKind::Floating, 0.1, "Shrinkage \"eta\"."),
               numberField("max_depth", FieldKind::Integer, 6, "Maximum depth."),
               numberField("dropout", FieldKind::Floating, 0.0),
               numberField("epochs", FieldKind::Integer, std::nullopt),
               enumField("optimizer", {"adam", "sgd", "log"}, "sgd"),
               boolField("shuffle", true),
               stringField("loss", "mse"),
               numberField("seed", FieldKind::Integer, 0),
               numberField("steps", FieldKind::Integer, 9e18),
               numberField("margin", FieldKind::Floating, HUGE_VAL),
               numberField("scale", FieldKind::Floating, 1e308)};
  HparamField huge = numberField("ticks", FieldKind::Integer, std::nullopt);
  huge.typeName = "std::uint64_t";
  huge.isUnsigned = true;
  huge.defaultValue = DefaultValue{};
  huge.defaultValue->number = 1.8e19;
  hp.fields.push_back(huge);
  std::string text = emitStudyTemplate(hp, "dir/my-train.cpp");
  EXPECT_NE(text.find("study my_train {"), std::string::npos) << text;
  EXPECT_NE(text.find("float learning_rate [0.01, 1] log default 0.1 \"Shrinkage \\\"eta\\\".\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("int   max_depth [3, 12] default 6 \"Maximum depth.\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("float dropout [0, 1] default 0"), std::string::npos) << text;
  EXPECT_NE(text.find("categorical optimizer {adam, sgd, \"log\"} default sgd"), std::string::npos)
      << text;
  EXPECT_NE(text.find("bool  shuffle default true"), std::string::npos) << text;
  EXPECT_NE(text.find("# loss (std::string = \"mse\")"), std::string::npos) << text;
  EXPECT_NE(text.find("# seed: not searched"), std::string::npos) << text;
  // Defaults at the edges of the numbers: ranges stay inside the language's, and a
  // default no range can be picked around is left to the user, said why.
  EXPECT_NE(text.find("int   steps [4500000000000000000, 9200000000000000000] default "
                      "9000000000000000000"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# margin (double = inf): its default is not a finite number"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# scale (double = 1e308): its default is too large"), std::string::npos)
      << text;
  EXPECT_NE(text.find("# ticks (std::uint64_t = 1.8e19): its default is beyond the 64-bit"),
            std::string::npos)
      << text;
  EXPECT_EQ(text, emitStudyTemplate(hp, "dir/my-train.cpp"));

  dsl::SourceManager sm;
  dsl::DiagnosticEngine diags(sm);
  std::uint32_t id = sm.addBuffer("init.hpo", text);
  dsl::StudyFile file = dsl::parseStudyFile(sm, id, diags);
  sema::CheckOptions options;
  options.checkPaths = false;
  EXPECT_TRUE(!diags.hasErrors() && sema::checkStudyFile(file, sm, diags, options))
      << messages(diags) << text;
}

} // namespace
} // namespace hpoc::trainer
