// `hpoc llm check`: start the configured LLM and measure one request.
#include "compiler/driver/commands.h"
#include "runtime/llm/llm_check.h"

#include <cstdlib>

namespace hpoc::driver {

void addLlmCommand(CLI::App& hpoc, CommandContext& ctx) {
  CLI::App* llm = hpoc.add_subcommand("llm", "check the LLM that studies use");
  setSynopsis(*llm, "hpoc llm check [--url URL] [--model NAME] [--timeout SECONDS]");
  llm->require_subcommand(0, 1);
  llm->callback([llm, &ctx] {
    if (llm->get_subcommands().empty())
      ctx.status = usageError(*llm, ctx, "no command given (commands: check)");
  });

  CLI::App* check =
      llm->add_subcommand("check", "start the configured LLM (the local one by default), send "
                                   "one schema-constrained request, report its speed");
  setSynopsis(*check, "hpoc llm check [--url URL] [--model NAME] [--timeout SECONDS]");
  auto options = std::make_shared<llm::LlmCheckOptions>();
  auto seconds = std::make_shared<std::string>();
  check->add_option("--url", options->url, "an OpenAI-compatible endpoint instead of the local LLM")
      ->option_text("URL");
  check->add_option("--model", options->model, "the model to ask")->option_text("NAME");
  check->add_option("--timeout", *seconds, "how long to wait for the answer")
      ->option_text("SECONDS");
  check->callback([options, seconds, check, &ctx] {
    if (!ctx.compilerArgs.empty()) {
      ctx.status = usageError(*check, ctx, "unexpected argument '--'");
      return;
    }
    if (!seconds->empty()) {
      char* end = nullptr;
      double s = std::strtod(seconds->c_str(), &end);
      if (end == seconds->c_str() || *end != '\0' || !(s > 0) || s > 1e9) {
        ctx.status = usageError(*check, ctx, "--timeout takes seconds, got '" + *seconds + "'");
        return;
      }
      options->timeout = std::chrono::milliseconds(static_cast<long long>(s * 1000));
    }
    ctx.status = llm::runLlmCheck(*options, ctx.out, ctx.err);
  });
}

} // namespace hpoc::driver
