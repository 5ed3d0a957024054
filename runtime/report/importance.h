// Computed parameter importance for the report: how strongly each parameter's
// value goes with the metric over the successful trials, as a number a reader
// can set beside the Creator's "influence" prose. See docs/report.md for the
// method and its limits.
#pragma once

#include "runtime/report/study_report.h"

#include <optional>
#include <string>
#include <vector>

namespace hpoc::report {

struct ParamImportance {
  std::string name;
  int trials = 0; ///< successful trials in which the parameter was set
  /// Spearman's rank correlation of the value (the choice's index for categorical,
  /// ordinal and bool parameters) with the metric. Nullopt with fewer than three
  /// trials or when the value or the metric never varied.
  std::optional<double> spearman;
  /// Categorical, ordinal and bool only: the share of the metric's variance that
  /// the choice explains (one-way ANOVA's eta squared, between-group sum of squares
  /// over total). Nullopt with fewer than three trials, one choice tried, or a
  /// constant metric.
  std::optional<double> varianceShare;
};

/// Spearman's rho of two equally long series, ties given their average rank.
std::optional<double> spearmanRho(const std::vector<double>& x, const std::vector<double>& y);

/// Eta squared of `y` grouped by `group` (same length).
std::optional<double> varianceShare(const std::vector<int>& group, const std::vector<double>& y);

/// One entry per parameter of the space, in declared order.
std::vector<ParamImportance> parameterImportance(const rt::StudySpec& spec,
                                                 const std::vector<ReportTrial>& trials);

/// "larger values go with a better val_loss" and the like: the sign of rho read
/// against the goal's direction; empty when there is no rho. Weak (|rho| < 0.3)
/// correlations say so.
std::string importanceReading(const rt::StudySpec& spec, const ParamImportance& p);

} // namespace hpoc::report
