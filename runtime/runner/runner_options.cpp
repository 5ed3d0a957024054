#include "runtime/runner/runner_options.h"

#include "runtime/support/command_line.h"
#include "runtime/support/file_util.h"

#include <climits>
#include <cstdlib>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace hpoc::rt {

namespace {
std::string selfPath(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0)
    return std::string(buf, static_cast<std::size_t>(n));
  return absolutePath(argv0);
}
} // namespace

bool parseRunnerOptions(int argc, char** argv, RunnerOptions* o, std::string* err) {
  o->self = selfPath(argv[0]);
  std::vector<std::string> args(argv, argv + argc);
  // `cmake --build` cannot pass arguments to a target's command; this can.
  if (const char* extra = std::getenv("HPOC_RUNNER_ARGS")) {
    std::istringstream words(extra);
    for (std::string w; words >> w;)
      args.push_back(w);
  }
  for (std::size_t i = 0; i < args.size(); ++i)
    o->commandLine += (i ? " " : "") + shellQuote(args[i]);
  const int count = static_cast<int>(args.size());
  for (int i = 1; i < count; ++i) {
    std::string a = args[i];
    auto value = [&](std::string* into) {
      if (i + 1 >= count) {
        *err = "option " + a + " needs a value";
        return false;
      }
      *into = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "--study-dir")
      ok = value(&o->studyDir);
    else if (a == "--build-dir")
      ok = value(&o->buildDir);
    else if (a == "--rules")
      ok = value(&o->rules);
    else if (a == "--trainer-target")
      ok = value(&o->trainerTarget);
    else if (a == "--trainer-binary")
      ok = value(&o->trainerBinary);
    else if (a == "--trainer-command")
      ok = value(&o->trainerCommand);
    else if (a == "--launcher")
      ok = value(&o->launcher);
    else if (a == "--slurm-trial")
      ok = value(&o->slurmTrial);
    else if (a == "--ninja")
      ok = value(&o->ninja);
    else if (a == "--strategy")
      ok = value(&o->strategy);
    else if (a == "--run-trial")
      ok = value(&o->runTrial);
    else if (a == "--proposer")
      ok = value(&o->proposer);
    else if (a == "--default-first")
      o->defaultFirst = true;
    else if (a == "--search-seed") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      long long n = ok ? std::strtoll(v.c_str(), &end, 10) : 0;
      if (ok && (v.empty() || end == v.c_str() || *end)) {
        *err = "--search-seed needs a whole number, not '" + v + "'";
        return false;
      }
      o->searchSeed = n;
    } else if (a == "--startup-trials") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      long n = ok ? std::strtol(v.c_str(), &end, 10) : 0;
      if (ok && (v.empty() || end == v.c_str() || *end || n < 0 || n > 1000000)) {
        *err = "--startup-trials needs a number from 0 to 1000000, not '" + v + "'";
        return false;
      }
      o->startupTrials = static_cast<int>(n);
    } else if (a == "--fresh")
      o->fresh = true;
    else if (a == "--on-llm-failure") {
      ok = value(&o->onLlmFailure);
      if (ok && o->onLlmFailure != "stop" && o->onLlmFailure != "random") {
        *err = "--on-llm-failure is 'stop' or 'random', not '" + o->onLlmFailure + "'";
        return false;
      }
    } else if (a == "--llm-timeout") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      double s = ok ? std::strtod(v.c_str(), &end) : 0;
      if (ok && (end == v.c_str() || *end || !(s >= 1 && s <= 86400))) {
        *err = "--llm-timeout needs seconds between 1 and 86400, not '" + v + "'";
        return false;
      }
      o->llmTimeoutSeconds = s;
    } else if (a == "--warm-start") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      long n = ok ? std::strtol(v.c_str(), &end, 10) : 0;
      if (ok && (v.empty() || end == v.c_str() || *end || n < 0 || n > 20)) {
        *err = "--warm-start needs a number of configurations from 0 to 20, not '" + v + "'";
        return false;
      }
      o->warmStart = static_cast<int>(n);
    } else if (a == "--llm-share") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      double f = ok ? std::strtod(v.c_str(), &end) : 0;
      if (ok && (v.empty() || end == v.c_str() || *end || !(f >= 0 && f <= 1))) {
        *err = "--llm-share needs a share from 0 to 1, not '" + v + "'";
        return false;
      }
      o->llmShare = f;
    } else if (a == "--replay")
      o->replay = true;
    else if (a == "--help" || a == "-h")
      o->help = true;
    else if (a == "--trials") {
      std::string v;
      ok = value(&v);
      char* end = nullptr;
      long n = ok ? std::strtol(v.c_str(), &end, 10) : 0;
      if (ok && (end == v.c_str() || *end || n < 1 || n > 1000000)) {
        *err = "--trials needs a positive number, not '" + v + "'";
        return false;
      }
      o->trials = static_cast<int>(n);
    } else {
      *err = "unknown option '" + a + "' (see --help)";
      return false;
    }
    if (!ok)
      return false;
  }
  // Trials run in their own folders: a binary named relative to here must still be found there.
  if (!o->trainerBinary.empty())
    o->trainerBinary = absolutePath(o->trainerBinary);
  if (!o->help && o->runTrial.empty() && o->studyDir.empty()) {
    *err = "--study-dir is required (see --help)";
    return false;
  }
  return true;
}

std::string runnerUsage(const std::string& program) {
  return "usage: " + program +
         " --study-dir DIR [options]\n"
         "Runs, resumes or replays one hpoc study. `cmake --build BUILD --target tune-NAME`\n"
         "calls it with the right options.\n\n"
         "  --study-dir DIR        the study's folder (journal, trials, report)\n"
         "  --rules FILE           the compiled Ninja rules of the study (NAME.ninja)\n"
         "  --build-dir DIR        the build tree: paths in it are hashed relative to it,\n"
         "                         so a moved build tree keeps its trials (default: the\n"
         "                         folder above hpo/ when the study folder is in one)\n"
         "  --trainer-target T     the CMake target of the trainer\n"
         "  --trainer-binary FILE  its binary\n"
         "  --trainer-command CMD  the trainer's command line (overrides the study's)\n"
         "  --launcher PREFIX      put before every trial's command (e.g. 'srun -N1')\n"
         "  --slurm-trial PATH     hpoc-slurm-trial, for a study with `executor slurm`\n"
         "  --ninja PATH           the ninja binary (default: ninja on PATH)\n"
         "  --strategy NAME        agent, agent-classic, random, tpe or external (overrides\n"
         "                         the study's)\n"
         "  --search-seed N        seeds the strategy only; the trials keep the study's seed,\n"
         "                         so runs with different search seeds share cached trials\n"
         "  --default-first        random, tpe: trial 1 is the study's default configuration\n"
         "  --startup-trials N     tpe: trials 1..N are random draws (overrides the study's\n"
         "                         startup_trials; default 10)\n"
         "  --proposer COMMAND     external: the program that proposes configurations\n"
         "                         (protocol in docs/strategies.md)\n"
         "  --trials N             the trial budget (overrides the study's)\n"
         "  --fresh                archive the journal and start the study over\n"
         "                         (cached trials are reused when they match)\n"
         "  --on-llm-failure WHAT  agent: 'stop' (default) ends the study after 3 failed LLM\n"
         "                         calls in a row; 'random' goes on with random draws\n"
         "  --llm-timeout SECONDS  agent: one LLM request attempt's limit (default 180)\n"
         "  --warm-start N         agent: configurations the LLM's first answer proposes\n"
         "                         (overrides the study's warm_start; default 2, 0: none)\n"
         "  --llm-share F          agent: the largest share of TPE's trials on which the LLM\n"
         "                         picks among TPE's candidates (overrides llm_share; 0.3)\n"
         "  --replay               take every LLM answer from the study's llm-cache; stop\n"
         "                         at the first request it lacks, naming it, instead of\n"
         "                         asking the LLM or falling back (for CI and checks)\n"
         "  --run-trial DIR        internal: run one prepared trial\n\n"
         "Options in the environment variable HPOC_RUNNER_ARGS are added to these, e.g.\n"
         "  HPOC_RUNNER_ARGS=--fresh cmake --build build --target tune-NAME\n";
}

} // namespace hpoc::rt
