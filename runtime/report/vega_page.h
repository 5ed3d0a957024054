// Vega plots inside a self-contained HTML page: the library inline (joined from
// Debian's libjs-vega at build time, about 450 KB), one <div> per plot, and a
// script that draws them and records in the page how many marks each drew.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hpoc::report {

/// One plot: the id of its element, a sentence saying what it shows, its Vega spec.
struct VegaPlot {
  std::string id;
  std::string caption;
  nlohmann::json spec;
};

/// The joined Vega library; empty when hpoc was built without libjs-vega.
std::string_view vegaLibrary();

/// The plot's box: a figure holding the drawing's element and its caption.
std::string vegaPlotElement(const VegaPlot& plot);

/// The <script> elements for a page: the library once, then the code that draws
/// each plot. Each plot's element gets `data-marks` (the marks drawn, axes and
/// legends not counted) or `data-error`, and the body `data-plots-drawn`, so
/// that a browser test, and a reader facing an empty box, see what happened.
std::string vegaScripts(const std::vector<VegaPlot>& plots);

/// `j` as text that can stand inside a <script> element ("</" is escaped).
std::string scriptJson(const nlohmann::json& j);

} // namespace hpoc::report
