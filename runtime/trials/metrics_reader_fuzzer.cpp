// libFuzzer target: the input is a trainer's output. It is read as a metrics file
// (JSON lines, or one JSON document) and as standard output through patterns; the
// first input line, when it is short, is also tried as a user's pattern. Nothing
// may throw, crash or take time beyond linear.
// Build with -DHPOC_FUZZ=ON; `scripts/fuzz.sh 600 metrics` runs it.
#include "runtime/trials/metrics_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hpoc::rt;
  std::string text(reinterpret_cast<const char*>(data), size), err;
  MetricsReading lines = readJsonLines(text);
  goalMetric(lines, "acc");
  goalMetric(lines, "val.acc");
  std::vector<MetricPatternSpec> patterns = {{"acc", "acc=([0-9.]+).*"},
                                             {"loss", R"(loss[:=]\s*([-+0-9.eE]+|nan|inf))"}};
  std::size_t nl = text.find('\n');
  if (nl != std::string::npos && nl < 200)
    patterns.push_back({"user", text.substr(0, nl)});
  MetricsReading out;
  if (readStdoutPatterns(text, patterns, &out, &err))
    goalMetric(out, "acc");
  return 0;
}
