// Hand-made hyperparameter structs and parsed studies for the unit tests.
#pragma once

#include "compiler/trainer/hparams_info.h"
#include "dsl/ast.h"
#include "dsl/diagnostics.h"
#include "dsl/parser.h"

#include <memory>
#include <string>

namespace hpoc::trainer::testing {

inline HparamField numberField(std::string name, FieldKind kind, std::optional<double> def,
                               std::string doc = "") {
  HparamField f;
  f.name = std::move(name);
  f.kind = kind;
  f.typeName = kind == FieldKind::Integer ? "int" : "double";
  f.bits = kind == FieldKind::Integer ? 32 : 64;
  if (def) {
    DefaultValue d;
    d.number = *def;
    d.text = numberText(*def);
    if (kind == FieldKind::Integer)
      d.integer = static_cast<std::int64_t>(*def);
    f.defaultValue = d;
  }
  f.doc = std::move(doc);
  return f;
}

inline HparamField enumField(std::string name, std::vector<std::string> values, std::string def) {
  HparamField f;
  f.name = std::move(name);
  f.kind = FieldKind::Enum;
  f.typeName = "Optimizer";
  f.enumName = "Optimizer";
  for (std::size_t i = 0; i < values.size(); ++i)
    f.enumerators.push_back({values[i], static_cast<std::int64_t>(i)});
  DefaultValue d;
  d.enumerator = def;
  d.text = "Optimizer::" + def;
  f.defaultValue = d;
  return f;
}

inline HparamField boolField(std::string name, bool def) {
  HparamField f;
  f.name = std::move(name);
  f.kind = FieldKind::Bool;
  f.typeName = "bool";
  DefaultValue d;
  d.flag = def;
  d.integer = def;
  d.text = def ? "true" : "false";
  f.defaultValue = d;
  return f;
}

inline HparamField stringField(std::string name, std::string def) {
  HparamField f;
  f.name = std::move(name);
  f.kind = FieldKind::String;
  f.typeName = "std::string";
  DefaultValue d;
  d.string = def;
  d.text = "\"" + def + "\"";
  f.defaultValue = d;
  return f;
}

/// A parsed study file and the engine its diagnostics went to.
struct ParsedStudy {
  dsl::SourceManager sources;
  dsl::DiagnosticEngine diags{sources};
  dsl::StudyFile file;
};

inline std::unique_ptr<ParsedStudy> parseStudy(const std::string& space) {
  auto p = std::make_unique<ParsedStudy>();
  std::uint32_t id = p->sources.addBuffer(
      "s.hpo", "study s {\n  goal { maximize acc }\n  space {\n" + space +
                   "\n  }\n  trainer { command \"t {config} {metrics}\" }\n}\n");
  p->file = dsl::parseStudyFile(p->sources, id, p->diags);
  return p;
}

/// The messages of `diags`, one per line: "error: ...", "note: ...".
inline std::string messages(const dsl::DiagnosticEngine& diags) {
  std::string out;
  for (const dsl::Diagnostic& d : diags.diagnostics())
    out += std::string(dsl::severityName(d.severity)) + ": " + d.message + "\n";
  return out;
}

} // namespace hpoc::trainer::testing
