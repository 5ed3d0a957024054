#include "dsl/name_suggester.h"

#include <algorithm>

namespace hpoc::dsl {

namespace {
/// Edits that turn `a` into `b`, a swap of two neighbours counting as one: the
/// commonest typo ('adma' for 'adam') is then as near as a single wrong letter.
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
} // namespace

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  if (name.size() > 64)
    return best;
  std::size_t bestDistance = std::max<std::size_t>(1, name.size() / 3) + 1;
  for (const std::string& c : candidates) {
    std::size_t d = editDistance(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string hint = closestName(name, candidates);
  return hint.empty() ? "" : "; did you mean '" + hint + "'?";
}

std::vector<std::string> listedNames(std::string_view list) {
  std::vector<std::string> names;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word != "or" && word != "and")
      names.push_back(word);
    word.clear();
  };
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '(' || c == ')')
      flush();
    else
      word += c;
  }
  flush();
  return names;
}

} // namespace hpoc::dsl
