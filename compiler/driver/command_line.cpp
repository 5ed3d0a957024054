#include "compiler/driver/command_line.h"

#include "compiler/driver/commands.h"
#include "dsl/name_suggester.h"

#include <algorithm>
#include <map>

namespace hpoc::driver {
namespace {

const char* kDescription =
    "An experiment compiler for LLM-driven hyperparameter optimisation.\n"
    "Studies are usually run through CMake: hpoc_add_study() in CMakeLists.txt, then\n"
    "`cmake --build build --target tune`. The language is described in docs/language.md.";

/// CLI11's help with each command's synopsis as its usage line.
class SynopsisFormatter : public CLI::Formatter {
public:
  std::map<const CLI::App*, std::string> synopses;

  std::string make_usage(const CLI::App* app, std::string name) const override {
    auto it = synopses.find(app);
    if (it == synopses.end())
      return CLI::Formatter::make_usage(app, std::move(name));
    return "usage: " + it->second + "\n";
  }
};

/// The innermost command the parser entered.
const CLI::App& innermost(const CLI::App& app) {
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty())
    at = at->get_subcommands().back();
  return *at;
}

std::vector<std::string> optionNames(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* o : command.get_options()) {
    for (const std::string& l : o->get_lnames())
      names.push_back("--" + l);
    for (const std::string& s : o->get_snames())
      names.push_back("-" + s);
  }
  return names;
}

std::vector<std::string> commandNames(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

/// "unknown option '--fats'; did you mean '--fast'?" and the like, for the first
/// word the command could not place.
std::string unplacedWord(const CLI::App& at, const std::string& word) {
  if (word.size() > 1 && word[0] == '-') {
    std::string name = word.substr(0, word.find('='));
    return "unknown option '" + name + "'" + dsl::didYouMean(name, optionNames(at));
  }
  std::vector<std::string> commands = commandNames(at);
  if (!commands.empty())
    return "unknown command '" + word + "'" + dsl::didYouMean(word, commands);
  return "unexpected argument '" + word + "'";
}

/// "-o needs a value", naming the option as the user spelt it.
std::string missingValue(const CLI::App& at, const CLI::ParseError& e,
                         const std::vector<std::string>& args) {
  std::string what = e.what();
  std::string name = what.substr(0, what.find(':'));
  if (const CLI::Option* opt = at.get_option_no_throw(name))
    for (auto it = args.rbegin(); it != args.rend(); ++it)
      if (it->size() > 1 && (*it)[0] == '-' && opt->check_name(it->substr(0, it->find('='))))
        return *it + " needs a value";
  return name + " needs a value";
}

int reportParseError(const CLI::App& app, const CLI::ParseError& e,
                     const std::vector<std::string>& args, CommandContext& ctx) {
  const CLI::App& at = innermost(app);
  std::vector<std::string> unplaced = at.remaining();
  if (unplaced.empty())
    unplaced = app.remaining();
  std::string message;
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) &&
      std::string(e.what()).find(" missing") != std::string::npos)
    message = missingValue(at, e, args);
  else if (!unplaced.empty())
    message = unplacedWord(at, unplaced.front());
  else
    message = e.what();
  return usageError(at, ctx, message);
}

} // namespace

std::string commandPath(const CLI::App& command) {
  std::string path = command.get_name();
  for (const CLI::App* p = command.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

int usageError(const CLI::App& command, CommandContext& ctx, const std::string& message) {
  ctx.err << commandPath(command) << ": " << message << "\n";
  auto formatter = std::dynamic_pointer_cast<SynopsisFormatter>(command.get_formatter());
  if (formatter && formatter->synopses.count(&command))
    ctx.err << "usage: " << formatter->synopses.at(&command) << "\n";
  ctx.err << "run '" << commandPath(command) << " --help' for more\n";
  return 2;
}

void setSynopsis(CLI::App& command, std::string synopsis) {
  if (auto formatter = std::dynamic_pointer_cast<SynopsisFormatter>(command.get_formatter()))
    formatter->synopses[&command] = std::move(synopsis);
}

int runCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CommandContext ctx{out, err, {}, 0};
  std::vector<std::string> args(argv + 1, argv + argc);
  auto dashes = std::find(args.begin(), args.end(), "--");
  if (dashes != args.end()) {
    ctx.compilerArgs.assign(dashes + 1, args.end());
    args.erase(dashes, args.end());
  }
  CLI::App app{kDescription, "hpoc"};
  app.formatter(std::make_shared<SynopsisFormatter>());
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", versionLine(), "print the version and exit");
  app.require_subcommand(0, 1);
  // An option given twice keeps its last value, as most command lines do.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  setSynopsis(app, "hpoc COMMAND [ARGS]... (hpoc COMMAND --help for a command's options)");
  addCheckCommand(app, ctx);
  addCompileCommand(app, ctx);
  addInitCommand(app, ctx);
  addHparamsCommand(app, ctx);
  addLlmCommand(app, ctx);
  addShowCommand(app, ctx);
  addCompareCommand(app, ctx);
  app.add_subcommand("help", "print this help and exit")->callback([&] {
    out << app.get_formatter()->make_help(&app, "hpoc", CLI::AppFormatMode::Normal);
  });
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << innermost(app).help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << versionLine() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    return reportParseError(app, e, args, ctx);
  } catch (const std::exception& e) {
    err << "hpoc: error: " << e.what() << "\n";
    return 1;
  }
  if (app.get_subcommands().empty()) {
    err << app.help();
    return 2;
  }
  return ctx.status;
}

} // namespace hpoc::driver
