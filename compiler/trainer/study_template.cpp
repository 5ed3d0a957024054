#include "compiler/trainer/study_template.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace hpoc::trainer {
namespace {

/// Splits a field name into lower-case words: learningRate, learning_rate -> {learning, rate}.
std::vector<std::string> nameWords(const std::string& name) {
  std::vector<std::string> words(1);
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (c == '_' || c == '-' ||
        (upper && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])))) {
      if (!words.back().empty())
        words.emplace_back();
      if (c == '_' || c == '-')
        continue;
    }
    words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (words.back().empty())
    words.pop_back();
  return words;
}

/// `v` rounded to three significant digits, spelled the short way.
std::string rounded(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return numberText(std::strtod(buf, nullptr));
}

std::string quotedText(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

/// Words of the language that cannot stand as a bare categorical value.
bool isReservedWord(const std::string& w) {
  return w == "true" || w == "false" || w == "log" || w == "default" || w == "when" || w == "in";
}

std::string studyName(const std::string& sourceName) {
  std::string stem = std::filesystem::path(sourceName).stem().string();
  std::string out;
  for (char c : stem)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])))
    out = "study_" + out;
  return out;
}

class TemplateWriter {
public:
  explicit TemplateWriter(std::ostringstream& o) : o_(o) {}

  void field(const HparamField& f) {
    std::string doc = f.doc.empty() ? "" : " " + quotedText(f.doc);
    std::string def = defaultSpelling(f);
    if (f.name == "seed" || nameWords(f.name).back() == "seed") {
      o_ << "    # " << f.name
         << ": not searched; trials get their seed from the runner ({seed})\n";
      return;
    }
    switch (f.kind) {
    case FieldKind::Floating:
      numeric(f, "float", doc);
      return;
    case FieldKind::Integer:
      numeric(f, "int", doc);
      return;
    case FieldKind::Bool:
      o_ << "    bool  " << f.name << (def.empty() ? "" : " default " + def) << doc << "\n";
      return;
    case FieldKind::Enum: {
      std::string values;
      for (const Enumerator& e : f.enumerators)
        values +=
            (values.empty() ? "" : ", ") + (isReservedWord(e.name) ? quotedText(e.name) : e.name);
      if (f.enumerators.size() < 2) {
        o_ << "    # " << f.name << ": enum " << f.enumName
           << " has fewer than two values; nothing to search\n";
        return;
      }
      if (!def.empty() && isReservedWord(def))
        def = quotedText(def);
      o_ << "    categorical " << f.name << " {" << values << "}"
         << (def.empty() ? "" : " default " + def) << doc << "\n";
      return;
    }
    case FieldKind::String:
      o_ << "    # " << f.name << " (" << f.typeName << (def.empty() ? "" : " = " + def)
         << "): to search it, list its values: categorical " << f.name << " {"
         << (def.empty() || def == "\"\"" ? "\"a\"" : def) << ", \"other\"}\n";
      return;
    case FieldKind::Unsupported:
      o_ << "    # " << f.name << " (" << f.typeName << "): a config cannot set this type\n";
      return;
    }
  }

private:
  void numeric(const HparamField& f, const char* type, const std::string& doc) {
    bool isInt = f.kind == FieldKind::Integer;
    std::optional<double> d = f.defaultValue ? f.defaultValue->number : std::nullopt;
    if (d && !std::isfinite(*d)) {
      o_ << "    # " << f.name << " (" << f.typeName << " = " << numberText(*d)
         << "): its default is not a finite number; give it a range by hand\n";
      return;
    }
    if (d && !isInt && !std::isfinite(*d * 10)) {
      o_ << "    # " << f.name << " (" << f.typeName << " = " << numberText(*d)
         << "): its default is too large to pick a range around; give it one by hand\n";
      return;
    }
    // The language's ints are signed 64-bit; 9.2e18 stays inside them after rounding.
    constexpr double kIntLimit = 9.2e18;
    if (d && isInt && std::fabs(*d) > kIntLimit) {
      o_ << "    # " << f.name << " (" << f.typeName << " = " << numberText(*d)
         << "): its default is beyond the 64-bit integers a study can hold\n";
      return;
    }
    auto clampInt = [&](long double x) {
      return static_cast<long long>(std::clamp<long double>(x, -kIntLimit, kIntLimit));
    };
    std::string lo, hi;
    bool log = false;
    if (!d) {
      lo = isInt ? "1" : "0";
      hi = isInt ? "10" : "1";
      o_ << "    # TODO: " << f.name << " has no default in the trainer; check this range\n";
    } else if (isInt) {
      auto v = static_cast<long long>(*d);
      long double w = v;
      long long l = v > 0 ? std::max(1LL, v / 2) : v == 0 ? 0 : clampInt(2 * w);
      long long h = v > 0 ? clampInt(std::max(2 * w, w + 4)) : v == 0 ? 10 : 0;
      if (f.isUnsigned)
        l = std::max(0LL, l);
      log = looksLogScaled(f.name) && l > 0;
      if (log) {
        l = std::max(1LL, v / 10);
        h = clampInt(w * 10);
      }
      lo = std::to_string(l);
      hi = std::to_string(h);
    } else {
      double v = *d;
      log = looksLogScaled(f.name) && v > 0;
      if (log) {
        lo = rounded(v / 10);
        hi = rounded(v * 10);
      } else if (v == 0) {
        lo = "0";
        hi = looksLogScaled(f.name) ? "0.1" : "1";
      } else if (v > 0 && v < 1) {
        lo = "0";
        hi = v < 0.5 ? rounded(2 * v) : "1";
      } else if (v > 0) {
        lo = rounded(v / 2);
        hi = rounded(v * 2);
      } else {
        lo = rounded(v * 2);
        hi = rounded(v / 2);
      }
    }
    std::string def;
    if (d)
      def = " default " +
            (isInt ? std::to_string(static_cast<long long>(*d)) : numberText(*d, f.bits == 32));
    o_ << "    " << type << (isInt ? "   " : " ") << f.name << " [" << lo << ", " << hi << "]"
       << (log ? " log" : "") << def << doc << "\n";
  }

  std::ostringstream& o_;
};

} // namespace

bool looksLogScaled(const std::string& fieldName) {
  static const char* const kLogWords[] = {"rate", "lr",      "decay", "lambda", "alpha", "reg",
                                          "eps",  "epsilon", "l1",    "l2",     "gamma"};
  for (const std::string& w : nameWords(fieldName))
    for (const char* k : kLogWords)
      if (w == k)
        return true;
  return false;
}

std::string emitStudyTemplate(const HparamsStruct& hp, const std::string& sourceName) {
  std::ostringstream o;
  std::string file = std::filesystem::path(sourceName).filename().string();
  const bool python = std::filesystem::path(sourceName).extension() == ".py";
  o << "# A starting study for " << file << ", written by `hpoc init` from "
    << (python ? "its " : "the struct ") << hp.qualifiedName << ".\n"
    << "# Replace every TODO, narrow the ranges, then compare it with the trainer:\n"
    << "#   hpoc check THIS_FILE --trainer " << file << "\n"
    << "study " << studyName(sourceName) << " {\n"
    << "  task \"TODO: what the trainer learns, from what data, and what a good result is.\"\n\n"
    << "  dataset {\n"
    << "    name \"TODO: the data set\"\n"
    << "    description \"TODO: sizes, features, classes and their balance\"\n"
    << "  }\n\n"
    << "  model {\n"
    << "    name \"TODO: the model\"\n"
    << "    description \"TODO: its architecture and size\"\n"
    << "  }\n\n"
    << "  goal {\n"
    << "    maximize TODO_metric        # TODO: the metric the trainer reports; or minimize\n"
    << "    trials 20\n"
    << "  }\n\n"
    << "  space {\n";
  TemplateWriter writer(o);
  for (const HparamField& f : hp.fields)
    writer.field(f);
  o << "  }\n\n"
    << "  trainer {\n";
  if (python)
    o << "    command \"python3 {study_dir}/" << file
      << " --config {config} --metrics {metrics}\"\n";
  else
    o << "    target TODO_target          # TODO: the CMake target built from " << file << "\n";
  o << "    config json\n"
    << "    metrics jsonl\n"
    << "  }\n"
    << "}\n";
  return o.str();
}

} // namespace hpoc::trainer
