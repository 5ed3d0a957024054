#include "compiler/trainer/trainer_checker.h"
#include "compiler/trainer/trainer_test_util.h"

#include <gtest/gtest.h>

namespace hpoc::trainer {
namespace {

using namespace testing;

struct CheckRun {
  std::unique_ptr<ParsedStudy> study;
  bool ok = false;
  std::string out;
};

CheckRun check(const std::string& space, const HparamsStruct& hp) {
  CheckRun r;
  r.study = parseStudy(space);
  EXPECT_FALSE(r.study->diags.hasErrors()) << messages(r.study->diags);
  dsl::DiagnosticEngine diags(r.study->sources);
  TrainerSourceMap where(r.study->sources);
  r.ok = checkStudyAgainstTrainer(r.study->file.studies.at(0), hp, where, diags);
  r.out = messages(diags);
  return r;
}

HparamsStruct sample() {
  HparamsStruct hp;
  hp.name = hp.qualifiedName = "Hparams";
  hp.fields = {numberField("lr", FieldKind::Floating, 0.01),
               numberField("depth", FieldKind::Integer, 6),
               enumField("optimizer", {"adam", "sgd"}, "adam"), boolField("shuffle", true),
               stringField("loss", "mse")};
  return hp;
}

TEST(TrainerChecker, MatchingStudyPasses) {
  CheckRun r =
      check("float lr [1e-3, 0.1] log\n int depth [2, 10]\n categorical optimizer {adam, sgd}\n"
            " bool shuffle\n categorical loss {mse, mae}",
            sample());
  EXPECT_TRUE(r.ok) << r.out;
  EXPECT_EQ(r.out, "");
}

TEST(TrainerChecker, ParameterWithoutFieldSuggestsName) {
  CheckRun r = check("float lrate [1e-3, 0.1]\n int dept [2, 10]", sample());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.out.find("error: parameter 'dept' has no field in 'Hparams'; did you mean 'depth'?"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("note: 'Hparams' declared here"), std::string::npos) << r.out;
}

TEST(TrainerChecker, FieldWithoutParameterNeedsDefault) {
  HparamsStruct hp = sample();
  hp.fields.push_back(numberField("epochs", FieldKind::Integer, std::nullopt));
  CheckRun r = check("float lr [1e-3, 0.1]", hp);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.out.find("error: field 'epochs' of 'Hparams' has neither a parameter in the space of "
                       "study 's' nor a default"),
            std::string::npos)
      << r.out;
}

TEST(TrainerChecker, TypeMatrix) {
  HparamField i = numberField("x", FieldKind::Integer, 1);
  HparamField d = numberField("x", FieldKind::Floating, 1);
  HparamField e = enumField("x", {"a", "b"}, "a");
  HparamField b = boolField("x", false);
  HparamField s = stringField("x", "a");
  auto needs = [](const std::string& space, const HparamField& f) {
    auto p = parseStudy(space);
    return fieldNeeds(p->file.studies.at(0).params.at(0), f);
  };
  EXPECT_EQ(needs("float x [0, 1]", d), "");
  EXPECT_EQ(needs("float x [0, 1]", i), "a floating-point field");
  EXPECT_EQ(needs("int x [0, 9]", i), "");
  EXPECT_EQ(needs("int x [0, 9]", d), "");
  EXPECT_EQ(needs("int x [0, 9]", b), "an integer field");
  EXPECT_EQ(needs("bool x", b), "");
  EXPECT_EQ(needs("bool x", i), "a bool field");
  EXPECT_EQ(needs("categorical x {a, b}", e), "");
  EXPECT_EQ(needs("categorical x {a, b}", s), "");
  EXPECT_EQ(needs("categorical x {a, b}", i), "an enum or std::string field");
  EXPECT_EQ(needs("ordinal x {8, 16}", i), "");
  EXPECT_EQ(needs("ordinal x {8, 16}", e), "an integer field");
  EXPECT_EQ(needs("ordinal x {0.5, 1.5}", d), "");
  EXPECT_EQ(needs("ordinal x {0.5, 1.5}", i), "a floating-point field");
  EXPECT_EQ(needs("categorical x {auto, 3}", s), "");
  EXPECT_EQ(needs("categorical x {auto, 3}", e), "a std::string field (its values mix kinds)");
}

TEST(TrainerChecker, EnumLacksValue) {
  CheckRun r = check("categorical optimizer {adam, sgdd}", sample());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(
      r.out.find("error: value 'sgdd' of 'optimizer' is not an enumerator of 'Optimizer'; did "
                 "you mean 'sgd'?"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("note: field 'optimizer' has type 'Optimizer' {adam, sgd}"),
            std::string::npos);
}

TEST(TrainerChecker, DefaultOutsideRangeWarns) {
  CheckRun r = check("float lr [0.1, 0.5]\n categorical optimizer {sgd, adam}", sample());
  EXPECT_TRUE(r.ok);
  EXPECT_NE(r.out.find("warning: the trainer's default 0.01 of 'lr' is outside the searched range "
                       "[0.1, 0.5] of 'lr'"),
            std::string::npos)
      << r.out;
}

TEST(TrainerChecker, DifferentStudyDefaultWarns) {
  CheckRun r = check("int depth [2, 10] default 4", sample());
  EXPECT_NE(r.out.find("warning: the study's default 4 of 'depth' differs from the trainer's 6"),
            std::string::npos)
      << r.out;
}

TEST(TrainerChecker, IntegerRangeMustFitTheField) {
  HparamsStruct hp = sample();
  hp.fields[1].isUnsigned = true;
  hp.fields[1].typeName = "unsigned";
  CheckRun r = check("int depth [-2, 10]", hp);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.out.find("error: value -2 of 'depth' does not fit field 'depth' of type 'unsigned'"),
            std::string::npos)
      << r.out;
}

} // namespace
} // namespace hpoc::trainer
