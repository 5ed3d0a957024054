#include "runtime/spec/study_spec.h"

namespace hpoc::rt {

Condition Condition::compare(std::string param, Op op, Value v) {
  Condition c;
  c.op = op;
  c.param = std::move(param);
  c.values.push_back(std::move(v));
  return c;
}

Condition Condition::in(std::string param, std::vector<Value> values) {
  Condition c;
  c.op = Op::In;
  c.param = std::move(param);
  c.values = std::move(values);
  return c;
}

static Condition join(Condition::Op op, Condition a, Condition b) {
  Condition c;
  c.op = op;
  c.children.push_back(std::move(a));
  c.children.push_back(std::move(b));
  return c;
}

Condition Condition::all(Condition a, Condition b) {
  return join(Op::And, std::move(a), std::move(b));
}
Condition Condition::any(Condition a, Condition b) {
  return join(Op::Or, std::move(a), std::move(b));
}

Condition Condition::negate(Condition inner) {
  Condition c;
  c.op = Op::Not;
  c.children.push_back(std::move(inner));
  return c;
}

namespace {
/// Numbers compare by value (8 == 8.0); everything else by JSON equality.
bool equal(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number())
    return a.get<double>() == b.get<double>();
  return a == b;
}
} // namespace

bool Condition::holds(const Config& config) const {
  switch (op) {
  case Op::And:
    return children[0].holds(config) && children[1].holds(config);
  case Op::Or:
    return children[0].holds(config) || children[1].holds(config);
  case Op::Not:
    return !children[0].holds(config);
  default:
    break;
  }
  auto it = config.find(param);
  if (it == config.end())
    return false;
  const Value& v = *it;
  if (op == Op::In) {
    for (const Value& c : values)
      if (equal(v, c))
        return true;
    return false;
  }
  const Value& rhs = values.at(0);
  if (op == Op::Eq)
    return equal(v, rhs);
  if (op == Op::Ne)
    return !equal(v, rhs);
  if (!v.is_number() || !rhs.is_number())
    return false;
  double l = v.get<double>(), r = rhs.get<double>();
  switch (op) {
  case Op::Lt:
    return l < r;
  case Op::Le:
    return l <= r;
  case Op::Gt:
    return l > r;
  case Op::Ge:
    return l >= r;
  default:
    return false;
  }
}

namespace {
std::string valueText(const Value& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}
} // namespace

const char* paramKindName(ParamKind k) {
  switch (k) {
  case ParamKind::Float:
    return "float";
  case ParamKind::Int:
    return "int";
  case ParamKind::Categorical:
    return "categorical";
  case ParamKind::Ordinal:
    return "ordinal";
  case ParamKind::Bool:
    return "bool";
  }
  return "?";
}

std::string Condition::str() const {
  switch (op) {
  case Op::And:
    return "(" + children[0].str() + " && " + children[1].str() + ")";
  case Op::Or:
    return "(" + children[0].str() + " || " + children[1].str() + ")";
  case Op::Not:
    return "!" + children[0].str();
  case Op::In: {
    std::string s = param + " in {";
    for (std::size_t i = 0; i < values.size(); ++i)
      s += (i ? ", " : "") + valueText(values[i]);
    return s + "}";
  }
  default:
    break;
  }
  static const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
  return param + " " + kOps[static_cast<int>(op)] + " " + valueText(values.at(0));
}

ParamSpec ParamSpec::floatRange(std::string name, double lo, double hi) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamKind::Float;
  p.lo = lo;
  p.hi = hi;
  return p;
}

ParamSpec ParamSpec::intRange(std::string name, std::int64_t lo, std::int64_t hi) {
  ParamSpec p = floatRange(std::move(name), static_cast<double>(lo), static_cast<double>(hi));
  p.kind = ParamKind::Int;
  return p;
}

ParamSpec ParamSpec::categorical(std::string name, std::vector<Value> choices) {
  ParamSpec p;
  p.name = std::move(name);
  p.kind = ParamKind::Categorical;
  p.choices = std::move(choices);
  return p;
}

ParamSpec ParamSpec::ordinal(std::string name, std::vector<Value> choices) {
  ParamSpec p = categorical(std::move(name), std::move(choices));
  p.kind = ParamKind::Ordinal;
  return p;
}

ParamSpec ParamSpec::boolean(std::string name) {
  ParamSpec p = categorical(std::move(name), {false, true});
  p.kind = ParamKind::Bool;
  return p;
}

ParamSpec&& ParamSpec::logScale() && {
  log = true;
  return std::move(*this);
}
ParamSpec&& ParamSpec::withDefault(Value v) && {
  defaultValue = std::move(v);
  return std::move(*this);
}
ParamSpec&& ParamSpec::describe(std::string text) && {
  description = std::move(text);
  return std::move(*this);
}
ParamSpec&& ParamSpec::onlyWhen(Condition c) && {
  when = std::move(c);
  return std::move(*this);
}

} // namespace hpoc::rt
