#include "runtime/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace hpoc::report {

std::string escapeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string tickText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

/// Maps data to pixels on one axis, linear or logarithmic.
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double from = 0, to = 1; ///< pixel range

  double t(double v) const { return log ? std::log10(std::max(v, 1e-300)) : v; }
  double map(double v) const {
    double a = t(lo), b = t(hi);
    double f = b > a ? (t(v) - a) / (b - a) : 0.5;
    return from + f * (to - from);
  }
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (log) {
      for (double e = std::floor(std::log10(lo)); e <= std::ceil(std::log10(hi)); ++e) {
        double v = std::pow(10.0, e);
        if (v >= lo * 0.999 && v <= hi * 1.001)
          out.push_back(v);
      }
      if (out.size() < 2)
        out = {lo, hi};
      return out;
    }
    double span = hi - lo;
    double step = std::pow(10.0, std::floor(std::log10(span / 4)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
      if (span / (step * m) <= 5) {
        step *= m;
        break;
      }
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
      out.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
};

} // namespace

std::string renderChart(const ChartSpec& spec, const std::vector<ChartPoint>& points) {
  const double left = 56, right = 12, top = 28, bottom = 40;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" << spec.width
      << "\" height=\"" << spec.height << "\" viewBox=\"0 0 " << spec.width << " " << spec.height
      << "\" role=\"img\" aria-label=\"" << escapeXml(spec.title) << "\">\n";
  svg << "<text x=\"" << spec.width / 2 << "\" y=\"16\" text-anchor=\"middle\" class=\"title\">"
      << escapeXml(spec.title) << "</text>\n";

  std::vector<const ChartPoint*> ok;
  for (const ChartPoint& p : points)
    if (!p.failed && std::isfinite(p.y) && (spec.categories.size() || std::isfinite(p.x)) &&
        !(spec.logX && p.x <= 0))
      ok.push_back(&p);
  if (ok.empty()) {
    svg << "<text x=\"" << spec.width / 2 << "\" y=\"" << spec.height / 2
        << "\" text-anchor=\"middle\" class=\"empty\">no successful trial</text>\n</svg>\n";
    return svg.str();
  }

  Axis x, y;
  x.from = left;
  x.to = spec.width - right;
  y.from = spec.height - bottom;
  y.to = top;
  const bool categorical = !spec.categories.empty();
  auto xOf = [&](const ChartPoint& p) {
    if (!categorical)
      return x.map(p.x);
    auto it = std::find(spec.categories.begin(), spec.categories.end(), p.category);
    double i = static_cast<double>(it - spec.categories.begin());
    double n = static_cast<double>(spec.categories.size());
    return left + (i + 0.5) / n * (x.to - left);
  };
  auto [ymin, ymax] =
      std::minmax_element(ok.begin(), ok.end(), [](auto* a, auto* b) { return a->y < b->y; });
  y.lo = (*ymin)->y;
  y.hi = (*ymax)->y;
  if (y.hi == y.lo) {
    y.lo -= std::max(1e-9, std::abs(y.lo) * 0.05);
    y.hi += std::max(1e-9, std::abs(y.hi) * 0.05);
  }
  double pad = (y.hi - y.lo) * 0.06;
  y.lo -= pad;
  y.hi += pad;
  if (!categorical) {
    auto [xmin, xmax] =
        std::minmax_element(ok.begin(), ok.end(), [](auto* a, auto* b) { return a->x < b->x; });
    x.lo = (*xmin)->x;
    x.hi = (*xmax)->x;
    if (spec.xDomain && spec.xDomain->first < spec.xDomain->second &&
        (!spec.logX || spec.xDomain->first > 0)) {
      x.lo = std::min(x.lo, spec.xDomain->first);
      x.hi = std::max(x.hi, spec.xDomain->second);
    }
    x.log = spec.logX;
    if (x.hi == x.lo) {
      x.lo = x.log ? x.lo / 2 : x.lo - 1;
      x.hi = x.log ? x.hi * 2 : x.hi + 1;
    }
  }

  // Axes, grid and ticks.
  svg << "<g class=\"axes\">\n";
  svg << "<line x1=\"" << left << "\" y1=\"" << y.from << "\" x2=\"" << x.to << "\" y2=\"" << y.from
      << "\"/>\n";
  svg << "<line x1=\"" << left << "\" y1=\"" << top << "\" x2=\"" << left << "\" y2=\"" << y.from
      << "\"/>\n";
  for (double v : y.ticks()) {
    double py = y.map(v);
    svg << "<line class=\"grid\" x1=\"" << left << "\" y1=\"" << num(py) << "\" x2=\"" << x.to
        << "\" y2=\"" << num(py) << "\"/><text x=\"" << left - 4 << "\" y=\"" << num(py + 4)
        << "\" text-anchor=\"end\">" << tickText(v) << "</text>\n";
  }
  if (categorical) {
    for (const std::string& c : spec.categories) {
      ChartPoint p;
      p.category = c;
      svg << "<text x=\"" << num(xOf(p)) << "\" y=\"" << y.from + 14 << "\" text-anchor=\"middle\">"
          << escapeXml(c) << "</text>\n";
    }
  } else {
    for (double v : x.ticks())
      svg << "<text x=\"" << num(x.map(v)) << "\" y=\"" << y.from + 14
          << "\" text-anchor=\"middle\">" << tickText(v) << "</text>\n";
  }
  svg << "<text x=\"" << (left + x.to) / 2 << "\" y=\"" << spec.height - 6
      << "\" text-anchor=\"middle\" class=\"label\">" << escapeXml(spec.xLabel) << "</text>\n";
  svg << "<text x=\"12\" y=\"" << (top + y.from) / 2 << "\" text-anchor=\"middle\" "
      << "class=\"label\" transform=\"rotate(-90 12 " << (top + y.from) / 2 << ")\">"
      << escapeXml(spec.yLabel) << "</text>\n</g>\n";

  if (spec.drawLine && ok.size() > 1) {
    svg << "<polyline class=\"line\" fill=\"none\" points=\"";
    for (std::size_t i = 0; i < ok.size(); ++i) {
      if (spec.stepLine && i > 0)
        svg << num(xOf(*ok[i])) << "," << num(y.map(ok[i - 1]->y)) << " ";
      svg << num(xOf(*ok[i])) << "," << num(y.map(ok[i]->y)) << " ";
    }
    svg << "\"/>\n";
  }
  for (const ChartPoint& p : points) {
    if (p.failed) {
      double px = xOf(p), py = y.from - 6;
      svg << "<path class=\"failed\" d=\"M" << num(px - 4) << " " << num(py - 4)
          << "l8 8m0 -8l-8 8\">"
          << "<title>" << escapeXml(p.label) << "</title></path>\n";
      continue;
    }
    if (std::find(ok.begin(), ok.end(), &p) == ok.end())
      continue;
    svg << "<circle class=\"point\" cx=\"" << num(xOf(p)) << "\" cy=\"" << num(y.map(p.y))
        << "\" r=\"3.5\"><title>" << escapeXml(p.label) << "</title></circle>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

} // namespace hpoc::report
