// One engine for every message a user sees about their study: errors, warnings
// and the notes attached to them, each with a location in the source.
#pragma once

#include "dsl/source_manager.h"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace hpoc::dsl {

enum class Severity { Note, Warning, Error };

/// One message. Notes that belong to an error or warning follow it directly.
struct Diagnostic {
  Severity severity = Severity::Error;
  SourceRange range; ///< where; range.begin.valid() is false for file-less messages
  std::string message;
  std::string file; ///< used only when range has no file (e.g. an unreadable input)
};

/// Collects diagnostics. Deep code reports here and returns; only the driver
/// decides when and how to print. Stops collecting after `errorLimit` errors so
/// that garbage input cannot produce unbounded output.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(const SourceManager& sm, std::size_t errorLimit = 20)
      : sm_(sm), errorLimit_(errorLimit) {}

  void error(SourceRange where, std::string message);
  void warning(SourceRange where, std::string message);
  /// A note attached to the most recent error or warning.
  void note(SourceRange where, std::string message);
  /// An error about a whole file (cannot open, not a file, ...).
  void fileError(std::string file, std::string message);

  std::size_t errorCount() const { return errors_; }
  std::size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ > 0; }
  /// True once the error limit is reached; parsers use it to stop early.
  bool saturated() const { return errors_ >= errorLimit_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  const SourceManager& sourceManager() const { return sm_; }

private:
  void add(Severity s, SourceRange where, std::string message);
  const SourceManager& sm_;
  std::size_t errorLimit_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  bool dropNotes_ = false;
  std::vector<Diagnostic> diags_;
};

/// Renders diagnostics the way clang does:
///   study.hpo:12:7: error: message
///     float lr [0, 1] log
///              ^~~~~~
class DiagnosticPrinter {
public:
  explicit DiagnosticPrinter(std::ostream& out) : out_(out) {}
  void print(const DiagnosticEngine& engine);
  void print(const SourceManager& sm, const Diagnostic& d);

private:
  std::ostream& out_;
};

const char* severityName(Severity s);

/// `text` in single quotes for a message. Past `max` bytes it is cut and ends in
/// "...", so that a megabyte-long name in the input still makes a one-line message.
std::string quoteForMessage(std::string_view text, std::size_t max = 48);

} // namespace hpoc::dsl
