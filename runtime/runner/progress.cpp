#include "runtime/runner/progress.h"

#include "runtime/spec/config_canon.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace hpoc::rt {

namespace {
/// The first sentence of `text` on one line, at most `limit` bytes, cut at a word
/// (never inside a UTF-8 character) with "..." when it goes on.
std::string oneLine(const std::string& text, std::size_t limit) {
  std::string s;
  for (char c : text)
    s += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  std::size_t stop = s.find(". ");
  if (stop != std::string::npos)
    s = s.substr(0, stop + 1);
  if (s.size() <= limit)
    return s;
  std::size_t cut = s.rfind(' ', limit - 3);
  if (cut == std::string::npos || cut < limit / 2) {
    cut = limit - 3;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
      --cut;
  }
  return s.substr(0, cut) + "...";
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width)
    s.append(width - s.size(), ' ');
  return s;
}
} // namespace

std::string clockText(double seconds) {
  long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

ProgressPrinter::ProgressPrinter(const StudySpec& spec, std::ostream& out,
                                 std::function<double()> now)
    : spec_(spec), out_(out), now_(std::move(now)) {}

void ProgressPrinter::trialLine(const TrialRecord& t, const std::vector<TrialRecord>& trials,
                                int budget, bool ran, int ranSoFar, int remaining) {
  int width = static_cast<int>(std::to_string(budget).size());
  char head[48];
  std::snprintf(head, sizeof head, "[%*d/%d] ", width, t.number, budget);
  std::string line = head;
  line += pad(ran ? t.status : "cached " + t.status, 17);
  line += pad(spec_.goal.metric + " " + (t.metric ? shortNumber(*t.metric) : "-"),
              spec_.goal.metric.size() + 9);
  if (auto b = bestTrialIndex(spec_, trials))
    line += pad("best " + shortNumber(*trials[*b].metric) + " (#" +
                    std::to_string(trials[*b].number) + ")",
                20);
  else
    line += pad("best -", 20);
  if (ran) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.1f s", t.seconds);
    double elapsed = now_();
    line += pad(secs, 9) + "elapsed " + clockText(elapsed);
    if (ranSoFar > 0 && remaining > 0)
      line += "  ETA " + clockText(elapsed / ranSoFar * remaining);
    line += "  ";
  }
  if (!t.source.empty())
    line += "[" + t.source + "] ";
  line += configSummary(spec_, t.config);
  out_ << line << "\n";
  // Why this configuration, in one line, when someone other than chance chose it.
  if (ran && !t.rationale.empty() && t.source != "random") {
    std::string why = oneLine(t.rationale, 110);
    out_ << "      why: " << why << "\n";
  }
  if (t.status != "ok" && !t.errorTail.empty()) {
    // The reason, then the last lines of stderr.
    std::vector<std::string> lines;
    for (std::size_t a = 0, b; a < t.errorTail.size(); a = b + 1) {
      b = t.errorTail.find('\n', a);
      if (b == std::string::npos)
        b = t.errorTail.size();
      if (b > a)
        lines.push_back(t.errorTail.substr(a, b - a));
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (i == 0 || i + 3 >= lines.size())
        out_ << (i == 0 ? "      " : "      | ") << lines[i] << "\n";
  }
  out_.flush();
}

bool isTerminal(int fd) {
  return ::isatty(fd) == 1;
}

WaitNotice::WaitNotice(std::ostream& out, std::string what, bool enabled, bool terminal)
    : out_(out), what_(std::move(what)), terminal_(terminal) {
  if (enabled)
    thread_ = std::thread([this] { loop(); });
}

WaitNotice::~WaitNotice() {
  if (!thread_.joinable())
    return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WaitNotice::loop() {
  using namespace std::chrono;
  auto start = steady_clock::now();
  auto next = start + seconds(2);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_until(lock, next, [this] { return done_; })) {
    long waited = std::lround(duration<double>(steady_clock::now() - start).count());
    std::string line = "hpoc: " + what_ + " (" + std::to_string(waited) + " s)";
    if (terminal_) {
      out_ << "\r" << line << "\x1b[K" << std::flush;
      drawn_ = true;
      next += seconds(1);
    } else {
      out_ << line << "\n" << std::flush;
      next = start + seconds(30) * (waited / 30 + 1);
    }
  }
  if (drawn_)
    out_ << "\r\x1b[K" << std::flush;
}

} // namespace hpoc::rt
