#include "compiler/trainer/loader_emitter.h"

#include <sstream>

namespace hpoc::trainer {
namespace {

// Shared by every generated loader; guarded so two loaders can meet in one file.
constexpr const char* kCommonHelpers = R"(#ifndef HPOC_HPARAMS_LOADER_COMMON
#define HPOC_HPARAMS_LOADER_COMMON
namespace hpoc_hparams_loader {

/// One top-level value of a config file, whatever the file's format.
struct Scalar {
  enum Kind { Integer, Number, Bool, String, Other };
  Kind kind = Other;
  long long integer = 0; ///< Integer
  double number = 0;     ///< Integer and Number
  bool flag = false;     ///< Bool
  std::string text;      ///< String: the text; other kinds: how the value was written
};
using Config = std::map<std::string, Scalar>;

inline bool fail(std::string* err, const std::string& key, const Scalar& v, const std::string& expected) {
  if (err)
    *err = "config key '" + key + "': expected " + expected + ", got " + v.text;
  return false;
}

/// Sets `field` from `config[key]`; a missing key leaves the field's default.
template <class T>
bool read(const Config& config, const std::string& key, T& field, std::string* err) {
  auto it = config.find(key);
  if (it == config.end())
    return true;
  const Scalar& v = it->second;
  if constexpr (std::is_same_v<T, bool>) {
    if (v.kind != Scalar::Bool)
      return fail(err, key, v, "true or false");
    field = v.flag;
  } else if constexpr (std::is_integral_v<T>) {
    bool whole = v.kind == Scalar::Integer ||
                 (v.kind == Scalar::Number && std::floor(v.number) == v.number && std::fabs(v.number) < 9e18);
    if (!whole)
      return fail(err, key, v, "an integer");
    long long i = v.kind == Scalar::Integer ? v.integer : static_cast<long long>(v.number);
    bool fits = std::is_signed_v<T>
                    ? i >= static_cast<long long>(std::numeric_limits<T>::min()) &&
                          (i < 0 || static_cast<unsigned long long>(i) <= static_cast<unsigned long long>(std::numeric_limits<T>::max()))
                    : i >= 0 && static_cast<unsigned long long>(i) <= static_cast<unsigned long long>(std::numeric_limits<T>::max());
    if (!fits)
      return fail(err, key, v, "an integer that fits the field");
    field = static_cast<T>(i);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (v.kind != Scalar::Integer && v.kind != Scalar::Number)
      return fail(err, key, v, "a number");
    field = static_cast<T>(v.number);
  } else {
    static_assert(std::is_same_v<T, std::string>, "a config sets numbers, bools, strings and enums");
    if (v.kind == Scalar::Bool || v.kind == Scalar::Other)
      return fail(err, key, v, "a string");
    field = v.text;
  }
  return true;
}

inline bool readFile(const std::string& path, std::string* text, std::string* err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (err)
      *err = "cannot read the config " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  return true;
}

inline bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace hpoc_hparams_loader
#endif // HPOC_HPARAMS_LOADER_COMMON
)";

constexpr const char* kJsonReader = R"(#ifndef HPOC_HPARAMS_LOADER_JSON
#define HPOC_HPARAMS_LOADER_JSON
namespace hpoc_hparams_loader {

/// A JSON object's members as scalars; nested values become Other.
inline bool parseJson(const std::string& text, Config* out, std::string* err) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    if (err)
      *err = j.is_discarded() ? "the config is not valid JSON" : "the config is not a JSON object";
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const nlohmann::json& v = it.value();
    Scalar s;
    s.text = v.dump();
    if (v.is_boolean()) {
      s.kind = Scalar::Bool;
      s.flag = v.get<bool>();
    } else if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<unsigned long long>() > 9000000000000000000ull)) {
      s.kind = Scalar::Integer;
      s.integer = v.get<long long>();
      s.number = v.get<double>();
    } else if (v.is_number()) {
      s.kind = Scalar::Number;
      s.number = v.get<double>();
    } else if (v.is_string()) {
      s.kind = Scalar::String;
      s.text = v.get<std::string>();
    }
    (*out)[it.key()] = s;
  }
  return true;
}

} // namespace hpoc_hparams_loader
#endif // HPOC_HPARAMS_LOADER_JSON
)";

constexpr const char* kYamlReader = R"(#ifndef HPOC_HPARAMS_LOADER_YAML
#define HPOC_HPARAMS_LOADER_YAML
namespace hpoc_hparams_loader {

/// A plain YAML scalar typed the YAML 1.2 core way; a quoted one stays a string.
inline Scalar yamlScalar(const std::string& t, bool quoted) {
  Scalar s;
  s.text = t;
  s.kind = Scalar::String;
  if (quoted)
    return s;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    s.kind = Scalar::Bool;
    s.flag = t[0] == 't' || t[0] == 'T';
  } else if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
    s.kind = Scalar::Other;
    s.text = "null";
  } else {
    char* end = nullptr;
    errno = 0;
    long long i = std::strtoll(t.c_str(), &end, 10);
    if (*end == '\0' && errno == 0) {
      s.kind = Scalar::Integer;
      s.integer = i;
      s.number = static_cast<double>(i);
      return s;
    }
    double d = std::strtod(t.c_str(), &end);
    if (*end == '\0') {
      s.kind = Scalar::Number;
      s.number = d;
    }
  }
  return s;
}

/// A YAML mapping's members as scalars; lists and maps become Other.
inline bool parseYaml(const std::string& text, Config* out, std::string* err) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    if (err)
      *err = std::string("the config is not valid YAML: ") + e.what();
    return false;
  }
  if (root.IsNull())
    return true;
  if (!root.IsMap()) {
    if (err)
      *err = "the config is not a YAML mapping";
    return false;
  }
  for (const auto& kv : root) {
    Scalar s;
    if (kv.second.IsScalar())
      s = yamlScalar(kv.second.Scalar(), kv.second.Tag() == "!");
    else
      s.text = kv.second.IsSequence() ? "a list" : kv.second.IsMap() ? "a mapping" : "null";
    (*out)[kv.first.Scalar()] = s;
  }
  return true;
}

} // namespace hpoc_hparams_loader
#endif // HPOC_HPARAMS_LOADER_YAML
)";

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

/// A comment line safe to emit: no newlines, no comment terminators.
std::string oneLine(const std::string& s) {
  std::string out;
  for (char c : s)
    out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

void emitEnumField(std::ostream& o, const HparamField& f) {
  std::string names;
  for (const Enumerator& e : f.enumerators)
    names += (names.empty() ? "" : ", ") + e.name;
  o << "  if (auto it = config.find(" << quoted(f.name) << "); it != config.end()) {\n";
  o << "    const hpoc_hparams_loader::Scalar& v = it->second;\n";
  o << "    if (v.kind != hpoc_hparams_loader::Scalar::String)\n";
  o << "      return hpoc_hparams_loader::fail(err, " << quoted(f.name) << ", v, "
    << quoted("one of " + names) << ");\n";
  bool first = true;
  for (const Enumerator& e : f.enumerators) {
    o << "    " << (first ? "if" : "else if") << " (v.text == " << quoted(e.name) << ")\n";
    o << "      out." << f.name << " = " << f.enumName << "::" << e.name << ";\n";
    first = false;
  }
  o << "    " << (first ? "" : "else\n      ") << "return hpoc_hparams_loader::fail(err, "
    << quoted(f.name) << ", v, " << quoted("one of " + names) << ");\n";
  o << "  }\n";
}

} // namespace

std::string emitHparamsLoader(const HparamsStruct& hp, const LoaderOptions& options) {
  bool json = options.formats != LoaderFormats::Yaml;
  bool yaml = options.formats != LoaderFormats::Json;
  std::ostringstream o;
  o << "// Generated by hpoc from " << oneLine(options.sourceName) << "; do not edit.\n"
    << "// Fills the struct " << hp.qualifiedName << " from a trial's config ("
    << (json && yaml ? "JSON or YAML"
        : json       ? "JSON"
                     : "YAML")
    << ").\n"
    << "// Include it after the definition of " << hp.qualifiedName << ", then:\n"
    << "//\n"
    << "//   " << hp.qualifiedName << " hp;\n"
    << "//   std::string err;\n"
    << "//   if (!loadHparams(configPath, hp, &err)) { std::cerr << err << \"\\n\"; return 2; }\n"
    << "#pragma once\n\n"
    << "#include <string>\n\n"
    << "#ifdef HPOC_READING_HPARAMS\n"
    << "// hpoc is reading the trainer to regenerate this file: only the declaration.\n"
    << "template <class T>\nbool loadHparams(const std::string& configPath, T& out, std::string* "
       "err);\n"
    << "#else\n\n"
    << "#include <cerrno>\n#include <cmath>\n#include <cstdlib>\n#include <fstream>\n"
    << "#include <limits>\n#include <map>\n#include <sstream>\n#include <string>\n"
    << "#include <type_traits>\n\n";
  if (json)
    o << "#include <nlohmann/json.hpp>\n";
  if (yaml)
    o << "#include <yaml-cpp/yaml.h>\n";
  o << "\n" << kCommonHelpers << "\n";
  if (json)
    o << kJsonReader << "\n";
  if (yaml)
    o << kYamlReader << "\n";

  o << "/// Reads the config at `configPath` into `out`: "
    << (json && yaml ? "YAML when the name ends in .yaml or .yml, JSON otherwise"
        : json       ? "JSON"
                     : "YAML")
    << ".\n/// Keys the config lacks keep their defaults; keys the struct lacks are ignored.\n"
    << "/// On a wrong type returns false with the key in `*err`.\n"
    << "inline bool loadHparams(const std::string& configPath, " << hp.qualifiedName
    << "& out, std::string* err) {\n"
    << "  std::string text;\n"
    << "  if (!hpoc_hparams_loader::readFile(configPath, &text, err))\n"
    << "    return false;\n"
    << "  hpoc_hparams_loader::Config config;\n";
  if (json && yaml) {
    o << "  bool yaml = hpoc_hparams_loader::endsWith(configPath, \".yaml\") ||\n"
      << "              hpoc_hparams_loader::endsWith(configPath, \".yml\");\n"
      << "  if (!(yaml ? hpoc_hparams_loader::parseYaml(text, &config, err)\n"
      << "             : hpoc_hparams_loader::parseJson(text, &config, err)))\n";
  } else {
    o << "  if (!hpoc_hparams_loader::" << (json ? "parseJson" : "parseYaml")
      << "(text, &config, err))\n";
  }
  o << "    return false;\n";
  for (const HparamField& f : hp.fields) {
    o << "\n  // " << f.name << ": " << oneLine(f.typeName);
    std::string d = defaultSpelling(f);
    if (!d.empty())
      o << " = " << oneLine(d);
    if (!f.doc.empty())
      o << " -- " << oneLine(f.doc);
    o << "\n";
    switch (f.kind) {
    case FieldKind::Integer:
    case FieldKind::Floating:
    case FieldKind::Bool:
    case FieldKind::String:
      o << "  if (!hpoc_hparams_loader::read(config, " << quoted(f.name) << ", out." << f.name
        << ", err))\n    return false;\n";
      break;
    case FieldKind::Enum:
      emitEnumField(o, f);
      break;
    case FieldKind::Unsupported:
      o << "  // not read: a config cannot set this type\n";
      break;
    }
  }
  o << "  return true;\n}\n\n#endif // HPOC_READING_HPARAMS\n";
  return o.str();
}

} // namespace hpoc::trainer
