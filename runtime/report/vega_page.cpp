#include "runtime/report/vega_page.h"

#include "runtime/report/svg_chart.h"

namespace hpoc::report {

namespace {

/// An array, not a constexpr string_view: its length is known without a
/// compile-time strlen over half a megabyte.
const char kVegaLibrary[] =
#include "vega_bundle.inc"
    ;

/// Draws every plot with the SVG renderer and counts the items of data marks
/// (not axes, legends or titles) in the scene graph.
constexpr std::string_view kDrawScript = R"(
(function () {
  function countMarks(mark) {
    if (!mark || /^(axis|legend|title)/.test(mark.role || '')) return 0;
    var n = 0;
    (mark.items || []).forEach(function (item) {
      if (mark.marktype === 'group') (item.items || []).forEach(function (m) { n += countMarks(m); });
      else n += 1;
    });
    return n;
  }
  var drawn = 0, failed = 0;
  function done() {
    document.body.setAttribute('data-page-errors', String(hpocErrors.length));
    document.body.setAttribute('data-plots-drawn', String(drawn));
    document.body.setAttribute('data-plots-failed', String(failed));
  }
  var plots = Object.keys(hpocPlots);
  if (typeof vega === 'undefined') { failed = plots.length; done(); return; }
  Promise.all(plots.map(function (id) {
    var box = document.getElementById(id);
    var view = new vega.View(vega.parse(hpocPlots[id]), { renderer: 'svg', container: box, hover: true });
    return view.runAsync().then(function () {
      box.setAttribute('data-marks', String(countMarks(view.scenegraph().root)));
      drawn += 1;
    }).catch(function (e) {
      box.setAttribute('data-error', String(e));
      box.textContent = 'This plot could not be drawn: ' + e;
      failed += 1;
      hpocErrors.push(String(e));
      console.error('hpoc plot ' + id + ': ' + e);
    });
  })).then(done);
})();
)";

} // namespace

std::string_view vegaLibrary() {
  return {kVegaLibrary, sizeof kVegaLibrary - 1};
}

std::string scriptJson(const nlohmann::json& j) {
  std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/')
      out += "<\\";
    else
      out += text[i];
  }
  return out;
}

std::string vegaPlotElement(const VegaPlot& plot) {
  return "<figure class=\"plot\"><div id=\"" + escapeXml(plot.id) + "\" class=\"vega\"></div>" +
         "<figcaption>" + escapeXml(plot.caption) + "</figcaption></figure>\n";
}

std::string vegaScripts(const std::vector<VegaPlot>& plots) {
  // Errors anywhere on the page, the library's included, are counted from here on.
  std::string out = "<script>var hpocErrors = []; window.addEventListener('error', function (e) "
                    "{ hpocErrors.push(String(e.message)); });</script>\n<script>";
  out += vegaLibrary();
  out += "</script>\n<script>\nvar hpocPlots = {";
  for (std::size_t i = 0; i < plots.size(); ++i)
    out += (i ? ",\n" : "\n") + scriptJson(plots[i].id) + ": " + scriptJson(plots[i].spec);
  out += "\n};";
  out += kDrawScript;
  out += "</script>\n";
  return out;
}

} // namespace hpoc::report
