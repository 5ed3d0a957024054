#include "dsl/parser.h"

#include <gtest/gtest.h>

namespace hpoc::dsl {
namespace {

struct Parsed {
  SourceManager sm;
  DiagnosticEngine diags{sm};
  StudyFile file;
  std::string firstError() const {
    for (const auto& d : diags.diagnostics())
      if (d.severity == Severity::Error)
        return d.message;
    return "";
  }
};

std::unique_ptr<Parsed> parse(std::string text) {
  auto p = std::make_unique<Parsed>();
  std::uint32_t id = p->sm.addBuffer("t.hpo", std::move(text));
  p->file = parseStudyFile(p->sm, id, p->diags);
  return p;
}

const char* kFull = R"(
study s {
  task "Classify." " More."
  dataset {
    name "d"
    path "a.csv" "b.csv"
    description """
      Two files.
    """
  }
  model {
    size 11M
  }
  goal {
    minimize val_loss
    trials 12
    limit trial_time 2min
    limit memory 1GiB
  }
  space {
    float lr [1e-4, 1e-1] log default 1e-3 "Learning rate."
    categorical opt {adam, sgd} default adam
    float momentum [0, 0.99] when opt == sgd && !(lr > 0.05) "Momentum."
    ordinal batch {16, 32, 64}
    bool bn default true
  }
  trainer {
    command "python3 train.py --config {config} --metrics {metrics}"
    depends "train.py"
    config yaml
    timeout 90s
  }
  agent {
    strategy random
    temperature 0.5
    parallel 2
  }
}
)";

TEST(Parser, ReadsEverySection) {
  auto p = parse(kFull);
  ASSERT_FALSE(p->diags.hasErrors()) << p->firstError();
  ASSERT_EQ(p->file.studies.size(), 1u);
  const Study& s = p->file.studies[0];
  EXPECT_EQ(s.name.value, "s");
  EXPECT_EQ(s.task.value, "Classify. More.");
  ASSERT_TRUE(s.dataset);
  EXPECT_EQ(s.dataset->paths.size(), 2u);
  EXPECT_EQ(s.dataset->description.value, "Two files.");
  EXPECT_EQ(s.model->size.value, "11M");
  EXPECT_EQ(s.goal->direction, Direction::Minimize);
  EXPECT_EQ(s.goal->metric.value, "val_loss");
  EXPECT_EQ(*s.goal->trials, 12);
  ASSERT_EQ(s.goal->limits.size(), 2u);
  EXPECT_DOUBLE_EQ(s.goal->limits[0].value, 120);
  EXPECT_DOUBLE_EQ(s.goal->limits[1].value, 1024.0 * 1024 * 1024);
  ASSERT_EQ(s.params.size(), 5u);
  EXPECT_TRUE(s.params[0].log);
  EXPECT_EQ(s.params[0].defaultValue->number, 1e-3);
  EXPECT_EQ(s.params[0].description.value, "Learning rate.");
  EXPECT_EQ(s.params[1].choices.size(), 2u);
  ASSERT_TRUE(s.params[2].when);
  EXPECT_EQ(s.params[2].when->kind, Condition::Kind::And);
  EXPECT_EQ(s.params[2].when->children[1].kind, Condition::Kind::Not);
  EXPECT_EQ(s.params[3].type, ParamType::Ordinal);
  EXPECT_EQ(s.params[4].defaultValue->kind, Value::Kind::Bool);
  EXPECT_EQ(s.trainer->config, ConfigFormat::Yaml);
  EXPECT_DOUBLE_EQ(*s.trainer->timeoutSeconds, 90);
  EXPECT_EQ(s.agent->strategy.value, "random");
  EXPECT_EQ(*s.agent->parallel, 2);
}

TEST(Parser, SeveralStudiesInOneFile) {
  auto p = parse("study a {\n}\nstudy b {\n}\n");
  EXPECT_FALSE(p->diags.hasErrors());
  EXPECT_EQ(p->file.studies.size(), 2u);
}

TEST(Parser, RecoversAtTheNextLine) {
  auto p = parse("study s {\n  goal {\n    trials ten\n    bogus 1\n    maximize acc\n  }\n}\n");
  EXPECT_EQ(p->diags.errorCount(), 2u);
  ASSERT_EQ(p->file.studies.size(), 1u);
  EXPECT_EQ(p->file.studies[0].goal->metric.value, "acc");
}

TEST(Parser, DuplicateItemHasNote) {
  auto p = parse("study s {\n  goal {\n    trials 1\n    trials 2\n  }\n}\n");
  ASSERT_EQ(p->diags.diagnostics().size(), 2u);
  EXPECT_EQ(p->diags.diagnostics()[1].severity, Severity::Note);
}

TEST(Parser, DeepConditionNestingIsAnErrorNotACrash) {
  std::string deep = "study s {\n space {\n  float x [0, 1] when ";
  for (int i = 0; i < 10000; ++i)
    deep += "(";
  deep += "y == 1";
  auto p = parse(deep);
  EXPECT_TRUE(p->diags.hasErrors());
  EXPECT_NE(p->firstError().find("nested too deeply"), std::string::npos);
}

TEST(Parser, ManyBracesAreAnError) {
  auto p = parse(std::string(10000, '{'));
  EXPECT_TRUE(p->diags.hasErrors());
}

TEST(Parser, EmptyFileSaysWhatIsMissing) {
  auto p = parse("");
  EXPECT_NE(p->firstError().find("no study"), std::string::npos);
}

TEST(Parser, UnitsAreChecked) {
  auto p = parse("study s {\n goal {\n  limit trial_time 30\n  limit memory 3parsecs\n }\n}\n");
  EXPECT_EQ(p->diags.errorCount(), 2u);
}

} // namespace
} // namespace hpoc::dsl

namespace hpoc::dsl {
namespace {
TEST(Parser, LongConditionChainIsAnErrorNotADeepTree) {
  std::string text = "study s {\n space {\n  float x [0, 1] when y == 1";
  for (int i = 0; i < 100000; ++i)
    text += " && y == 1";
  text += "\n }\n}\n";
  auto p = parse(text);
  EXPECT_NE(p->firstError().find("too many comparisons"), std::string::npos);
}
} // namespace
} // namespace hpoc::dsl
