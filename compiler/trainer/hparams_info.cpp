#include "compiler/trainer/hparams_info.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace hpoc::trainer {

const char* fieldKindName(FieldKind kind) {
  switch (kind) {
  case FieldKind::Integer:
    return "integer";
  case FieldKind::Floating:
    return "floating-point";
  case FieldKind::Bool:
    return "bool";
  case FieldKind::String:
    return "std::string";
  case FieldKind::Enum:
    return "enum";
  case FieldKind::Unsupported:
    return "unsupported";
  }
  return "unsupported";
}

const HparamField* HparamsStruct::field(const std::string& fieldName) const {
  for (const HparamField& f : fields)
    if (f.name == fieldName)
      return &f;
  return nullptr;
}

std::string numberText(double v, bool asFloat) {
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    double back = std::strtod(buf, nullptr);
    if (asFloat ? static_cast<float>(back) == static_cast<float>(v) : back == v)
      break;
  }
  // 5e-05 -> 5e-5: the exponent without a plus sign or leading zeros.
  std::string s = buf;
  if (std::size_t e = s.find('e'); e != std::string::npos) {
    std::string mantissa = s.substr(0, e);
    bool negative = s[e + 1] == '-';
    std::size_t digits = s.find_first_not_of("+-0", e + 1);
    s = mantissa + "e" + (negative ? "-" : "") +
        (digits == std::string::npos ? "0" : s.substr(digits));
  }
  return s;
}

std::string defaultSpelling(const HparamField& f) {
  if (!f.defaultValue)
    return "";
  const DefaultValue& d = *f.defaultValue;
  switch (f.kind) {
  case FieldKind::Integer:
    return d.integer ? std::to_string(*d.integer) : "";
  case FieldKind::Floating:
    return d.number ? numberText(*d.number, f.bits == 32) : "";
  case FieldKind::Bool:
    return d.flag ? (*d.flag ? "true" : "false") : "";
  case FieldKind::String: {
    if (!d.string)
      return "";
    std::string out = "\"";
    for (char c : *d.string) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    return out + "\"";
  }
  case FieldKind::Enum:
    return d.enumerator.value_or("");
  case FieldKind::Unsupported:
    return "";
  }
  return "";
}

} // namespace hpoc::trainer
