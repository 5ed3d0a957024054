#include "compiler/driver/commands.h"

#include "runtime/llm/llm_check.h"

namespace hpoc::driver {

int runLlm(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] != "check") {
    err << "usage: hpoc llm check [--url URL] [--model NAME] [--timeout SECONDS]\n";
    return 2;
  }
  llm::LlmCheckOptions options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (i + 1 >= args.size()) {
      err << "hpoc llm check: unknown option or missing value: '" << a << "'\n";
      return 2;
    }
    const std::string& v = args[++i];
    if (a == "--url") {
      options.url = v;
    } else if (a == "--model") {
      options.model = v;
    } else if (a == "--timeout") {
      try {
        options.timeout = std::chrono::milliseconds(static_cast<long long>(std::stod(v) * 1000));
      } catch (const std::exception&) {
        err << "hpoc llm check: --timeout takes seconds, got '" << v << "'\n";
        return 2;
      }
    } else {
      err << "hpoc llm check: unknown option '" << a << "'\n";
      return 2;
    }
  }
  return llm::runLlmCheck(options, out, err);
}

} // namespace hpoc::driver
