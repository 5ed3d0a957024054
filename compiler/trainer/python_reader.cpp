#include "compiler/trainer/python_reader.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace hpoc::trainer {
namespace fs = std::filesystem;
namespace {

std::string shellQuoted(const std::string& word) {
  std::string out = "'";
  for (char c : word)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TrainerLoc locOf(const nlohmann::json& j, const std::string& file) {
  TrainerLoc loc;
  if (!j.contains("line"))
    return loc;
  loc.file = file;
  loc.line = j.value("line", 0u);
  loc.column = j.value("column", 0u);
  loc.offset = j.value("offset", 0u);
  loc.length = j.value("length", 0u);
  return loc;
}

FieldKind kindOf(const std::string& kind) {
  if (kind == "floating")
    return FieldKind::Floating;
  if (kind == "integer")
    return FieldKind::Integer;
  if (kind == "bool")
    return FieldKind::Bool;
  if (kind == "string")
    return FieldKind::String;
  if (kind == "enum")
    return FieldKind::Enum;
  return FieldKind::Unsupported;
}

DefaultValue defaultOf(const nlohmann::json& j, const HparamField& f) {
  DefaultValue d;
  d.text = j.value("text", "");
  if (!j.contains("value"))
    return d;
  const nlohmann::json& v = j["value"];
  if (v.is_boolean()) {
    d.flag = v.get<bool>();
    d.integer = *d.flag ? 1 : 0;
  } else if (v.is_number_integer()) {
    d.integer = v.get<std::int64_t>();
    d.number = v.get<double>();
  } else if (v.is_number()) {
    d.number = v.get<double>();
  } else if (v.is_string()) {
    d.string = v.get<std::string>();
    for (const Enumerator& e : f.enumerators)
      if (e.name == *d.string)
        d.enumerator = e.name;
  }
  return d;
}

HparamField fieldOf(const nlohmann::json& j, const std::string& file) {
  HparamField f;
  f.name = j.value("name", "");
  f.typeName = j.value("type", "");
  f.kind = kindOf(j.value("kind", ""));
  f.bits = f.kind == FieldKind::Integer || f.kind == FieldKind::Floating ? 64 : 0;
  f.doc = j.value("doc", "");
  f.loc = locOf(j, file);
  if (f.kind == FieldKind::Enum) {
    f.enumName = f.typeName;
    std::int64_t index = 0;
    for (const nlohmann::json& c : j.value("choices", nlohmann::json::array()))
      f.enumerators.push_back({c.get<std::string>(), index++});
  }
  if (j.contains("default"))
    f.defaultValue = defaultOf(j["default"], f);
  return f;
}

} // namespace

bool isPythonTrainer(const std::string& source) {
  return fs::path(source).extension() == ".py";
}

ReadResult pythonReadResult(const std::string& document, const std::string& source) {
  ReadResult result;
  auto fail = [&](const std::string& why) {
    result.messages.push_back({ReaderMessage::Severity::Error, {}, why});
    return result;
  };
  nlohmann::json doc = nlohmann::json::parse(document, nullptr, false);
  if (!doc.is_object())
    return fail("cannot read the trainer's hyperparameters: python3 and the Python reader "
                "(python_trainer_reader.py) did not answer; is python3 on PATH?");
  try {
    for (const nlohmann::json& m : doc.value("messages", nlohmann::json::array()))
      result.messages.push_back({m.value("severity", "error") == "note"
                                     ? ReaderMessage::Severity::Note
                                     : ReaderMessage::Severity::Error,
                                 locOf(m, source), m.value("message", "")});
    if (!doc.contains("struct") || doc["struct"].is_null())
      return result;
    HparamsStruct hp;
    hp.name = hp.qualifiedName = doc["struct"].value("name", "");
    hp.doc = doc["struct"].value("doc", "");
    hp.loc = locOf(doc["struct"], source);
    for (const nlohmann::json& f : doc.value("fields", nlohmann::json::array()))
      hp.fields.push_back(fieldOf(f, source));
    result.hparams = std::move(hp);
    result.filesRead.push_back(source);
  } catch (const nlohmann::json::exception& e) {
    result.hparams.reset();
    return fail(std::string("cannot read the trainer's hyperparameters: ") + e.what());
  }
  return result;
}

ReadResult readPythonTrainer(const ReaderOptions& options, const std::string& readerScript) {
  std::error_code ec;
  fs::path abs = fs::absolute(options.source, ec);
  if (ec || !fs::is_regular_file(abs, ec)) {
    ReadResult result;
    result.messages.push_back(
        {ReaderMessage::Severity::Error, {}, "cannot read the trainer: no such file"});
    return result;
  }
  std::string source = abs.lexically_normal().string();
  std::string command = "python3 " + shellQuoted(readerScript) + " " + shellQuoted(source);
  std::string document;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
      document.append(buf, n);
    int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      document.clear();
  }
  ReadResult result = pythonReadResult(document, source);
  result.commandLine = command;
  return result;
}

} // namespace hpoc::trainer
