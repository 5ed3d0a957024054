#include "compiler/trainer/trainer_checker.h"

#include "compiler/sema/study_checker.h"

#include <cmath>
#include <limits>

namespace hpoc::trainer {
namespace {

using dsl::Param;
using dsl::ParamType;
using dsl::Value;

enum class ChoiceKinds { Words, Integers, Numbers, Bools, Mixed };

ChoiceKinds choiceKinds(const Param& p) {
  bool words = false, numbers = false, nonIntegers = false, bools = false;
  for (const Value& v : p.choices) {
    if (v.kind == Value::Kind::Number) {
      numbers = true;
      nonIntegers = nonIntegers || !v.isInteger;
    } else if (v.kind == Value::Kind::Bool) {
      bools = true;
    } else {
      words = true;
    }
  }
  if (int(words) + int(numbers) + int(bools) > 1)
    return ChoiceKinds::Mixed;
  if (bools)
    return ChoiceKinds::Bools;
  if (numbers)
    return nonIntegers ? ChoiceKinds::Numbers : ChoiceKinds::Integers;
  return ChoiceKinds::Words;
}

bool isChoice(ParamType t) {
  return t == ParamType::Categorical || t == ParamType::Ordinal;
}

/// The smallest and largest value an integer field holds.
std::pair<double, double> integerLimits(const HparamField& f) {
  unsigned bits = f.bits ? f.bits : 32;
  if (f.isUnsigned)
    return {0.0, std::ldexp(1.0, static_cast<int>(bits)) - 1};
  return {-std::ldexp(1.0, static_cast<int>(bits) - 1),
          std::ldexp(1.0, static_cast<int>(bits) - 1) - 1};
}

class Checker {
public:
  Checker(const dsl::Study& s, const HparamsStruct& h, TrainerSourceMap& where,
          dsl::DiagnosticEngine& diags)
      : study_(s), hp_(h), where_(where), diags_(diags) {}

  void run() {
    for (const Param& p : study_.params) {
      const HparamField* f = hp_.field(p.name.value);
      if (!f) {
        missingField(p);
        continue;
      }
      if (!checkType(p, *f))
        continue;
      checkValues(p, *f);
      checkDefault(p, *f);
    }
    for (const HparamField& f : hp_.fields)
      if (!paramFor(f.name) && !f.defaultValue && f.kind != FieldKind::Unsupported) {
        diags_.error(spaceRange(), "field '" + f.name + "' of '" + hp_.name +
                                       "' has neither a parameter in the space of study '" +
                                       study_.name.value + "' nor a default");
        noteField(f, "field '" + f.name + "' declared here; give it a default (" + f.name +
                         " = ...) or search it");
      }
  }

private:
  const Param* paramFor(const std::string& name) const {
    for (const Param& p : study_.params)
      if (p.name.value == name)
        return &p;
    return nullptr;
  }

  dsl::SourceRange spaceRange() const {
    if (study_.spaceRange.begin.valid())
      return {study_.spaceRange.begin, study_.spaceRange.begin.offset + 5}; // `space`
    return study_.name.range;
  }

  void noteField(const HparamField& f, std::string message) {
    diags_.note(where_.range(f.loc), std::move(message));
  }

  void missingField(const Param& p) {
    std::vector<std::string> names;
    for (const HparamField& f : hp_.fields)
      names.push_back(f.name);
    std::string hint = sema::closestName(p.name.value, names);
    diags_.error(p.name.range, "parameter '" + p.name.value + "' has no field in '" + hp_.name +
                                   "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    diags_.note(where_.range(hp_.loc), "'" + hp_.name + "' declared here");
  }

  bool checkType(const Param& p, const HparamField& f) {
    std::string needs = fieldNeeds(p, f);
    if (needs.empty())
      return true;
    std::string what =
        std::string(dsl::paramTypeName(p.type)) + " parameter '" + p.name.value + "'";
    diags_.error(p.typeRange.begin.valid() ? p.typeRange : p.name.range,
                 what + " does not fit field '" + f.name + "' of type '" + f.typeName + "' (" +
                     fieldKindName(f.kind) + "); it needs " + needs);
    noteField(f, "field '" + f.name + "' declared here");
    return false;
  }

  void checkValues(const Param& p, const HparamField& f) {
    if (f.kind == FieldKind::Enum && isChoice(p.type)) {
      std::vector<std::string> names;
      std::string listed;
      for (const Enumerator& e : f.enumerators) {
        names.push_back(e.name);
        listed += (listed.empty() ? "" : ", ") + e.name;
      }
      for (const Value& v : p.choices) {
        bool known = false;
        for (const Enumerator& e : f.enumerators)
          known = known || e.name == v.text;
        if (known)
          continue;
        std::string hint = sema::closestName(v.text, names);
        diags_.error(v.range, "value '" + v.text + "' of '" + p.name.value +
                                  "' is not an enumerator of '" + f.enumName + "'" +
                                  (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        noteField(f, "field '" + f.name + "' has type '" + f.typeName + "' {" + listed + "}");
      }
      return;
    }
    if (f.kind != FieldKind::Integer)
      return;
    auto [lo, hi] = integerLimits(f);
    std::vector<const Value*> bounds;
    if (p.type == ParamType::Int) {
      if (p.lo)
        bounds.push_back(&*p.lo);
      if (p.hi)
        bounds.push_back(&*p.hi);
    } else if (isChoice(p.type)) {
      for (const Value& v : p.choices)
        bounds.push_back(&v);
    }
    for (const Value* v : bounds)
      if (v->isNumeric() && (v->number < lo || v->number > hi)) {
        diags_.error(v->range, "value " + v->text + " of '" + p.name.value +
                                   "' does not fit field '" + f.name + "' of type '" + f.typeName +
                                   "'");
        noteField(f, "field '" + f.name + "' declared here");
      }
  }

  void checkDefault(const Param& p, const HparamField& f) {
    if (!f.defaultValue) {
      if (p.when)
        diags_.warning(p.when->range, "when this condition fails, parameter '" + p.name.value +
                                          "' is left out of the config and field '" + f.name +
                                          "' keeps no default");
      if (p.when)
        noteField(f, "field '" + f.name + "' declared here without a default");
      return;
    }
    std::string shown = defaultSpelling(f);
    if (shown.empty())
      return;
    const DefaultValue& d = *f.defaultValue;
    bool outside = false;
    std::string domain;
    if ((p.type == ParamType::Float || p.type == ParamType::Int) && p.lo && p.hi && d.number &&
        p.lo->isNumeric() && p.hi->isNumeric()) {
      outside = *d.number < p.lo->number || *d.number > p.hi->number;
      domain = "range [" + p.lo->text + ", " + p.hi->text + "]";
    } else if (isChoice(p.type)) {
      bool found = false;
      for (const Value& v : p.choices) {
        if (v.isNumeric() && d.number)
          found = found || v.number == *d.number;
        else if (v.kind == Value::Kind::Bool && d.flag)
          found = found || v.text == (*d.flag ? "true" : "false");
        else if (f.kind == FieldKind::Enum && d.enumerator)
          found = found || v.text == *d.enumerator;
        else if (f.kind == FieldKind::String && d.string)
          found = found || v.text == *d.string;
      }
      outside = !found;
      domain = "values";
    }
    if (outside) {
      diags_.warning(p.domainRange, "the trainer's default " + shown + " of '" + f.name +
                                        "' is outside the searched " + domain + " of '" +
                                        p.name.value + "'");
      noteField(f, "default set here");
      return;
    }
    if (p.defaultValue && !sameDefault(*p.defaultValue, f)) {
      diags_.warning(p.defaultValue->range, "the study's default " + p.defaultValue->spelling() +
                                                " of '" + p.name.value +
                                                "' differs from the trainer's " + shown);
      noteField(f, "default set here");
    }
  }

  static bool sameDefault(const Value& v, const HparamField& f) {
    const DefaultValue& d = *f.defaultValue;
    if (v.isNumeric())
      return !d.number ||
             (f.bits == 32 ? static_cast<float>(v.number) == static_cast<float>(*d.number)
                           : v.number == *d.number);
    if (v.kind == Value::Kind::Bool)
      return !d.flag || v.text == (*d.flag ? "true" : "false");
    if (f.kind == FieldKind::Enum)
      return !d.enumerator || v.text == *d.enumerator;
    if (f.kind == FieldKind::String)
      return !d.string || v.text == *d.string;
    return true;
  }

  const dsl::Study& study_;
  const HparamsStruct& hp_;
  TrainerSourceMap& where_;
  dsl::DiagnosticEngine& diags_;
};

} // namespace

std::string fieldNeeds(const Param& p, const HparamField& f) {
  if (f.kind == FieldKind::Unsupported)
    return "a field of a type a config can set (integer, floating-point, bool, std::string or "
           "enum)";
  switch (p.type) {
  case ParamType::Float:
    return f.kind == FieldKind::Floating ? "" : "a floating-point field";
  case ParamType::Int:
    return f.kind == FieldKind::Integer || f.kind == FieldKind::Floating ? "" : "an integer field";
  case ParamType::Bool:
    return f.kind == FieldKind::Bool ? "" : "a bool field";
  case ParamType::Categorical:
  case ParamType::Ordinal:
    switch (choiceKinds(p)) {
    case ChoiceKinds::Words:
      return f.kind == FieldKind::Enum || f.kind == FieldKind::String
                 ? ""
                 : "an enum or std::string field";
    case ChoiceKinds::Integers:
      return f.kind == FieldKind::Integer || f.kind == FieldKind::Floating ? ""
                                                                           : "an integer field";
    case ChoiceKinds::Numbers:
      return f.kind == FieldKind::Floating ? "" : "a floating-point field";
    case ChoiceKinds::Bools:
      return f.kind == FieldKind::Bool ? "" : "a bool field";
    case ChoiceKinds::Mixed:
      return f.kind == FieldKind::String ? "" : "a std::string field (its values mix kinds)";
    }
  }
  return "";
}

bool checkStudyAgainstTrainer(const dsl::Study& study, const HparamsStruct& hparams,
                              TrainerSourceMap& where, dsl::DiagnosticEngine& diags) {
  std::size_t before = diags.errorCount();
  Checker(study, hparams, where, diags).run();
  return diags.errorCount() == before;
}

} // namespace hpoc::trainer
