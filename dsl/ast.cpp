#include "dsl/ast.h"

namespace hpoc::dsl {

const char* paramTypeName(ParamType t) {
  switch (t) {
  case ParamType::Float:
    return "float";
  case ParamType::Int:
    return "int";
  case ParamType::Categorical:
    return "categorical";
  case ParamType::Ordinal:
    return "ordinal";
  case ParamType::Bool:
    return "bool";
  }
  return "?";
}

std::string Value::spelling() const {
  if (kind != Kind::String)
    return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

bool Value::sameAs(const Value& o) const {
  if (isNumeric() && o.isNumeric())
    return number == o.number;
  if (isNumeric() != o.isNumeric())
    return false;
  return text == o.text;
}

} // namespace hpoc::dsl
