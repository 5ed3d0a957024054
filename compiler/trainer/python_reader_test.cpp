#include "compiler/trainer/python_reader.h"

#include <gtest/gtest.h>

namespace hpoc::trainer {
namespace {

TEST(PythonReader, FieldsKeepTypesDefaultsChoicesAndPlaces) {
  ReadResult r = pythonReadResult(
      R"j({"struct": {"name": "argparse options", "doc": "", "line": 4, "column": 10,
                     "offset": 60, "length": 5},
          "fields": [
            {"name": "eta", "type": "float", "kind": "floating", "doc": "Learning rate.",
             "line": 7, "column": 21, "offset": 358, "length": 7,
             "default": {"text": "0.3", "value": 0.3}},
            {"name": "depth", "type": "int", "kind": "integer", "doc": "",
             "line": 8, "column": 21, "offset": 400, "length": 9,
             "default": {"text": "6", "value": 6}},
            {"name": "booster", "type": "str", "kind": "enum", "doc": "",
             "line": 9, "column": 21, "offset": 450, "length": 11, "choices": ["gbtree", "dart"],
             "default": {"text": "\"dart\"", "value": "dart"}},
            {"name": "stop", "type": "bool", "kind": "bool", "doc": "",
             "default": {"text": "False", "value": false}},
            {"name": "seed", "type": "lambda s: int(s, 0)", "kind": "unsupported", "doc": ""}],
          "messages": []})j",
      "/p/train.py");
  ASSERT_TRUE(r.ok());
  const HparamsStruct& hp = *r.hparams;
  EXPECT_EQ(hp.qualifiedName, "argparse options");
  EXPECT_EQ(hp.loc.file, "/p/train.py");
  EXPECT_EQ(hp.loc.line, 4u);
  ASSERT_EQ(hp.fields.size(), 5u);
  EXPECT_EQ(hp.fields[0].kind, FieldKind::Floating);
  EXPECT_EQ(*hp.fields[0].defaultValue->number, 0.3);
  EXPECT_EQ(hp.fields[0].doc, "Learning rate.");
  EXPECT_EQ(hp.fields[0].loc.offset, 358u);
  EXPECT_EQ(hp.fields[1].kind, FieldKind::Integer);
  EXPECT_EQ(*hp.fields[1].defaultValue->integer, 6);
  EXPECT_EQ(hp.fields[2].kind, FieldKind::Enum);
  ASSERT_EQ(hp.fields[2].enumerators.size(), 2u);
  EXPECT_EQ(hp.fields[2].enumerators[1].name, "dart");
  EXPECT_EQ(*hp.fields[2].defaultValue->enumerator, "dart");
  EXPECT_EQ(hp.fields[3].kind, FieldKind::Bool);
  EXPECT_FALSE(*hp.fields[3].defaultValue->flag);
  EXPECT_FALSE(hp.fields[3].loc.valid());
  EXPECT_EQ(hp.fields[4].kind, FieldKind::Unsupported);
  EXPECT_FALSE(hp.fields[4].defaultValue);
}

TEST(PythonReader, MessagesAndBrokenDocumentsAreErrorsNotCrashes) {
  ReadResult r = pythonReadResult(
      R"({"struct": null, "fields": [], "messages": [{"severity": "error", "line": 3,
          "column": 5, "offset": 40, "length": 1, "message": "not valid Python"}]})",
      "/p/t.py");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].loc.line, 3u);
  EXPECT_EQ(r.messages[0].message, "not valid Python");
  for (const char* broken :
       {"", "Traceback (most recent call last):", "[1, 2]",
        R"({"struct": {"name": 3}, "fields": []})",
        R"({"struct": {"name": "x"}, "fields": [{"name": "a", "line": "x"}]})"}) {
    ReadResult b = pythonReadResult(broken, "/p/t.py");
    EXPECT_FALSE(b.ok()) << broken;
    ASSERT_FALSE(b.messages.empty()) << broken;
    EXPECT_NE(b.messages.back().message.find("cannot read the trainer's hyperparameters"),
              std::string::npos)
        << broken;
  }
}

TEST(PythonReader, OnlyPyFilesAreReadAsPython) {
  EXPECT_TRUE(isPythonTrainer("train.py"));
  EXPECT_TRUE(isPythonTrainer("/a/b.c/train.py"));
  EXPECT_FALSE(isPythonTrainer("train.cpp"));
  EXPECT_FALSE(isPythonTrainer("train.pyc"));
  EXPECT_FALSE(isPythonTrainer("py"));
}

} // namespace
} // namespace hpoc::trainer
