// "Did you mean" for every misspelt name: keywords and values in the parser,
// parameter names and choices in the checker, options in the driver.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hpoc::dsl {

/// The closest of `candidates` to `name` within a small edit distance (about one
/// edit in three letters), or "" when none is that close.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

/// "; did you mean 'NAME'?" for the closest candidate, or "" when none is close:
/// the tail a diagnostic appends.
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates);

/// The names of a written list such as "name, path, description" or
/// "trial_time, study_time or memory".
std::vector<std::string> listedNames(std::string_view list);

} // namespace hpoc::dsl
