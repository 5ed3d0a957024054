#include "runtime/agent/explanation_check.h"

#include "runtime/agent/creator_prompt.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <set>
#include <utility>

namespace hpoc::agent {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

/// A sentence ends with . ! or ?, perhaps inside closing quotes or brackets; an
/// ellipsis is where a cut-off model stops.
ExplanationVerdict checkEnding(std::string_view t) {
  std::string_view s = t;
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']'))
    s.remove_suffix(1);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "...")
    return {"cut-off", "ends with an ellipsis"};
  if (s.empty() || (s.back() != '.' && s.back() != '!' && s.back() != '?')) {
    std::string tail(t.substr(t.size() > 12 ? t.size() - 12 : 0));
    return {"cut-off", "ends without a sentence end: \"" + tail + "\""};
  }
  return {};
}

ExplanationVerdict checkBrackets(std::string_view t) {
  std::string open;
  int quotes = 0;
  for (char c : t) {
    if (c == '(' || c == '[')
      open.push_back(c);
    else if (c == ')' || c == ']') {
      char want = c == ')' ? '(' : '[';
      if (open.empty() || open.back() != want)
        return {"unbalanced", std::string("a '") + c + "' without its opening bracket"};
      open.pop_back();
    } else if (c == '"')
      ++quotes;
  }
  if (!open.empty())
    return {"unbalanced", std::string("a '") + open.back() + "' that is never closed"};
  if (quotes % 2)
    return {"unbalanced", "an odd number of double quotes"};
  return {};
}

/// Left-overs of a template or of a JSON answer that leaked into the prose.
ExplanationVerdict checkResidue(std::string_view t) {
  static const std::regex placeholder(R"(<[A-Za-z_ ]{2,30}>|\[(insert|your|placeholder)[^\]]*\])",
                                      std::regex::icase);
  std::string l = lower(t);
  for (const char* bad :
       {"|}", "{|", "none yet", "{{", "}}", "todo", "xxx", "lorem ipsum", "n/a", "<<<", ">>>"})
    if (l.find(bad) != std::string::npos)
      return {"residue", std::string("contains \"") + bad + "\""};
  if (l.find('{') != std::string::npos || l.find('}') != std::string::npos)
    return {"residue", "contains a brace"};
  std::string s(t);
  std::smatch m;
  if (std::regex_search(s, m, placeholder))
    return {"residue", "contains the placeholder \"" + m.str() + "\""};
  return {};
}

ExplanationVerdict checkTrialNumbers(std::string_view t, const ExplanationFacts& facts) {
  static const std::regex cite(
      R"((?:\btrials?|#)\s*#?\s*(\d+)((?:\s*(?:,|and|or|&|-|to|vs\.?|versus)\s*#?\s*\d+)*))",
      std::regex::icase);
  static const std::regex number(R"(\d+)");
  std::string s(t);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), cite); it != std::sregex_iterator();
       ++it) {
    std::string cited = (*it)[1].str() + (*it)[2].str();
    for (auto n = std::sregex_iterator(cited.begin(), cited.end(), number);
         n != std::sregex_iterator(); ++n) {
      int k = std::stoi(n->str().substr(0, 9));
      if (!facts.trials.count(k))
        return {"unknown-trial", "cites trial " + n->str() + ", which does not exist"};
    }
  }
  return {};
}

/// True when `written` (as the text spells it) is `actual` within rounding.
bool sameWithinRounding(const std::string& written, bool percent, double actual) {
  double x = std::strtod(written.c_str(), nullptr);
  std::size_t dot = written.find('.');
  std::size_t exp = written.find_first_of("eE");
  int decimals =
      dot == std::string::npos
          ? 0
          : static_cast<int>((exp == std::string::npos ? written.size() : exp) - dot - 1);
  double tolerance = exp == std::string::npos ? 0.5 * std::pow(10.0, -decimals) + 1e-12 : 0;
  double relative = 0.005 * std::abs(actual); // shortNumber's four significant digits
  auto near = [&](double v, double tol) { return std::abs(v - actual) <= std::max(tol, relative); };
  if (percent)
    return near(x / 100, tolerance / 100) || near(x, tolerance);
  return near(x, tolerance) || near(x / 100, tolerance / 100);
}

/// The spellings of the goal metric in prose: "val_rmse", "val rmse", "rmse".
std::vector<std::string> metricNames(const std::string& metric) {
  std::vector<std::string> out = {lower(metric)};
  std::size_t cut = metric.find_last_of("_-");
  std::string spaced = lower(metric);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  if (spaced != out[0])
    out.push_back(spaced);
  // "rmse" for "val_rmse"; a plain "loss" or "acc" would also name the training
  // curve's values, so only the longer names of a validation metric count.
  std::string head = lower(metric.substr(0, cut == std::string::npos ? 0 : cut));
  std::string last = cut == std::string::npos ? "" : lower(metric.substr(cut + 1));
  if ((head == "val" || head == "valid" || head == "test") && last.size() >= 3 && last != "loss" &&
      last != "acc")
    out.push_back(last);
  return out;
}

ExplanationVerdict checkMetricValues(std::string_view t, const ExplanationFacts& facts) {
  if (facts.metric.empty())
    return {};
  std::vector<double> known = facts.values;
  for (const auto& [k, m] : facts.trials)
    if (m && std::isfinite(*m))
      known.push_back(*m);
  if (known.empty())
    return {};
  // The first number within a few words after a mention of the metric, unless
  // the words say it is a difference or a threshold rather than a result.
  static const std::regex value(R"(^([^.;\d]{0,24}?)(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)\s*(%?))");
  static const std::regex notAResult(
      R"(\b(by|than|below|above|under|over|target|goal|threshold|within|to|from|around|about|near|trials?|epochs?|steps?)\b|#)",
      std::regex::icase);
  std::string l = lower(t);
  for (const std::string& name : metricNames(facts.metric)) {
    for (std::size_t at = l.find(name); at != std::string::npos; at = l.find(name, at + 1)) {
      bool wordStart = at == 0 || !std::isalnum(static_cast<unsigned char>(l[at - 1]));
      std::size_t end = at + name.size();
      bool wordEnd = end >= l.size() || !std::isalnum(static_cast<unsigned char>(l[end]));
      if (!wordStart || !wordEnd)
        continue;
      std::string rest = l.substr(end);
      std::smatch m;
      if (!std::regex_search(rest, m, value) || std::regex_search(m[1].str(), notAResult))
        continue;
      std::string written = m[2].str();
      bool percent = !m[3].str().empty();
      bool matches = std::any_of(known.begin(), known.end(),
                                 [&](double v) { return sameWithinRounding(written, percent, v); });
      if (!matches)
        return {"wrong-number", "gives " + facts.metric + " " + written + (percent ? "%" : "") +
                                    ", which no trial recorded"};
    }
  }
  return {};
}

/// Words of a text, lower case, punctuation dropped.
std::vector<std::string> words(std::string_view t) {
  std::vector<std::string> out;
  std::string w;
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_')
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (!w.empty())
      out.push_back(std::exchange(w, {}));
  }
  if (!w.empty())
    out.push_back(w);
  for (std::string& x : out)
    while (x.size() > 1 && x.back() == '.')
      x.pop_back();
  return out;
}

std::set<std::string> trigrams(const std::vector<std::string>& w) {
  std::set<std::string> out;
  for (std::size_t i = 0; i + 2 < w.size(); ++i)
    out.insert(w[i] + " " + w[i + 1] + " " + w[i + 2]);
  return out;
}

ExplanationVerdict checkCopy(std::string_view t, const ExplanationFacts& facts) {
  std::vector<std::string> mine = words(t);
  if (mine.size() < 4)
    return {};
  std::set<std::string> mineTri = trigrams(mine);
  for (const std::string& other : facts.otherTexts) {
    std::vector<std::string> theirs = words(other);
    if (theirs == mine)
      return {"copied", "repeats another trial's text"};
    std::set<std::string> theirTri = trigrams(theirs);
    if (mineTri.empty() || theirTri.empty())
      continue;
    std::size_t shared = 0;
    for (const std::string& g : mineTri)
      shared += theirTri.count(g);
    double jaccard = double(shared) / double(mineTri.size() + theirTri.size() - shared);
    if (jaccard >= 0.8)
      return {"copied", "is nearly the same as another trial's text"};
  }
  return {};
}

} // namespace

ExplanationVerdict checkExplanation(std::string_view text, const ExplanationFacts& facts) {
  std::string_view t = trim(text);
  if (t.empty())
    return {"empty", "no text"};
  for (ExplanationVerdict v :
       {checkResidue(t), checkEnding(t), checkBrackets(t), checkTrialNumbers(t, facts),
        checkMetricValues(t, facts), checkCopy(t, facts)})
    if (!v.ok())
      return v;
  return {};
}

std::string completeSentences(std::string_view text) {
  std::string_view t = trim(text);
  for (std::size_t i = t.size(); i-- > 0;) {
    char c = t[i];
    if ((c == '.' || c == '!' || c == '?') && i + 1 < t.size() &&
        std::isspace(static_cast<unsigned char>(t[i + 1])))
      return std::string(t.substr(0, i + 1));
  }
  return {};
}

std::string describeChange(const rt::StudySpec& spec, const rt::Config& from,
                           const rt::Config& to) {
  auto text = [](const nlohmann::json& v) {
    return v.is_number_float() ? shortNumber(v.get<double>())
           : v.is_string()     ? v.get<std::string>()
                               : v.dump();
  };
  std::string out;
  for (const rt::ParamSpec& p : spec.space) {
    bool had = from.contains(p.name), has = to.contains(p.name);
    if (!had && !has)
      continue;
    std::string step;
    if (!had)
      step = p.name + " set to " + text(to[p.name]);
    else if (!has)
      step = p.name + " dropped";
    else if (from[p.name] != to[p.name])
      step = p.name + " " + text(from[p.name]) + " -> " + text(to[p.name]);
    if (!step.empty())
      out += (out.empty() ? "" : ", ") + step;
  }
  return out.empty() ? "no parameter" : out;
}

} // namespace hpoc::agent
