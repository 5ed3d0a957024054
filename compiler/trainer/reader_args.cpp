#include "compiler/trainer/reader_args.h"

namespace hpoc::trainer {

const char* const kReaderOptionsUsage =
    "  -p BUILD_DIR       read compile flags from BUILD_DIR/compile_commands.json\n"
    "                     (default: look beside the source and in its parents)\n"
    "  --extra-arg=ARG    pass ARG to the compiler too (repeatable)\n"
    "  -- ARG...          pass the remaining arguments to the compiler\n";

OptionParse parseReaderOption(const std::vector<std::string>& args, std::size_t* i,
                              ReaderOptions* options, std::string* err) {
  const std::string& a = args[*i];
  if (a == "-p" || a == "--build-dir") {
    if (*i + 1 >= args.size()) {
      *err = a + " needs a build directory";
      return OptionParse::Bad;
    }
    options->buildDir = args[++*i];
    return OptionParse::Taken;
  }
  if (a.rfind("-p", 0) == 0 && a.size() > 2 && a[2] != '-') {
    options->buildDir = a.substr(2);
    return OptionParse::Taken;
  }
  if (a.rfind("--extra-arg=", 0) == 0) {
    options->extraArgs.push_back(a.substr(12));
    return OptionParse::Taken;
  }
  if (a == "--") {
    options->extraArgs.insert(options->extraArgs.end(), args.begin() + *i + 1, args.end());
    *i = args.size() - 1;
    return OptionParse::Taken;
  }
  return OptionParse::NotMine;
}

} // namespace hpoc::trainer
