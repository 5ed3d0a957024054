#include "dsl/diagnostics.h"

#include <algorithm>

namespace hpoc::dsl {

const char* severityName(Severity s) {
  switch (s) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

void DiagnosticEngine::add(Severity s, SourceRange where, std::string message) {
  if (s == Severity::Note) {
    if (dropNotes_)
      return;
  } else if (saturated()) {
    dropNotes_ = true;
    return;
  } else {
    dropNotes_ = false;
  }
  if (s == Severity::Error)
    ++errors_;
  if (s == Severity::Warning)
    ++warnings_;
  diags_.push_back({s, where, std::move(message), {}});
}

void DiagnosticEngine::error(SourceRange where, std::string message) {
  add(Severity::Error, where, std::move(message));
}
void DiagnosticEngine::warning(SourceRange where, std::string message) {
  add(Severity::Warning, where, std::move(message));
}
void DiagnosticEngine::note(SourceRange where, std::string message) {
  add(Severity::Note, where, std::move(message));
}
void DiagnosticEngine::fileError(std::string file, std::string message) {
  ++errors_;
  diags_.push_back({Severity::Error, {}, std::move(message), std::move(file)});
}

std::string quoteForMessage(std::string_view text, std::size_t max) {
  if (text.size() <= max)
    return "'" + std::string(text) + "'";
  std::size_t cut = max;
  // Never split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

namespace {

/// Source lines are shown at most this wide; longer lines are cut around the caret.
constexpr std::size_t kMaxShownColumns = 120;

/// Replaces bytes a terminal would misrender; keeps the column arithmetic intact.
char printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (c == '\t')
    return ' ';
  if (u < 0x20 || u == 0x7f)
    return '?';
  return c;
}

} // namespace

void DiagnosticPrinter::print(const SourceManager& sm, const Diagnostic& d) {
  if (!d.range.begin.valid()) {
    out_ << (d.file.empty() ? "hpoc" : d.file) << ": " << severityName(d.severity) << ": "
         << d.message << '\n';
    return;
  }
  PresumedLoc p = sm.presumed(d.range.begin);
  out_ << p.file << ':' << p.line << ':' << p.column << ": " << severityName(d.severity) << ": "
       << d.message << '\n';

  std::string_view line = sm.lineText(d.range.begin);
  std::size_t col = p.column - 1;
  std::size_t len = std::max<std::size_t>(1, d.range.length());
  len = std::min(len, line.size() > col ? line.size() - col : 1);

  // Window the line so that a megabyte-long line prints as one screen line.
  std::size_t from = 0;
  if (line.size() > kMaxShownColumns && col > kMaxShownColumns / 2)
    from = std::min(col - kMaxShownColumns / 2, line.size() - kMaxShownColumns / 2);
  std::size_t to = std::min(line.size(), from + kMaxShownColumns);
  std::string shown;
  std::string marks;
  if (from > 0)
    shown += "...";
  for (std::size_t i = from; i < to; ++i)
    shown += printable(line[i]);
  if (to < line.size())
    shown += "...";
  marks.assign((from > 0 ? 3 : 0) + (col - from), ' ');
  marks += '^';
  std::size_t tildes = std::min(len, to > col ? to - col : 1) - 1;
  marks.append(tildes, '~');
  out_ << shown << '\n' << marks << '\n';
}

void DiagnosticPrinter::print(const DiagnosticEngine& engine) {
  for (const Diagnostic& d : engine.diagnostics())
    print(engine.sourceManager(), d);
  std::size_t e = engine.errorCount();
  std::size_t w = engine.warningCount();
  if (engine.saturated())
    out_ << "hpoc: too many errors; stopped\n";
  if (e || w) {
    if (w)
      out_ << w << (w == 1 ? " warning" : " warnings") << (e ? " and " : "");
    if (e)
      out_ << e << (e == 1 ? " error" : " errors");
    out_ << " generated.\n";
  }
}

} // namespace hpoc::dsl
