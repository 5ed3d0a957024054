#include "compiler/codegen/runner_emitter.h"

#include <cmath>
#include <sstream>

namespace hpoc::codegen {

std::string emitNinjaHeader(const dsl::Study& study, const EmitContext& ctx);

namespace {

/// A word for sh, single-quoted when it holds anything but safe characters;
/// `$` doubled for Ninja.
std::string ruleWord(const std::string& s) {
  bool plain = !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                                                 "VWXYZ0123456789_-.,:=/+@%") == std::string::npos;
  std::string out = plain ? "" : "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '$')
      out += "$$";
    else
      out += c;
  }
  return plain ? out : out + "'";
}

/// The hpoc-slurm-trial options of `executor slurm { ... }`: Slurm counts
/// memory in MiB and time in minutes, so both are rounded up.
std::string slurmOptions(const dsl::Executor& e) {
  std::string o;
  auto add = [&](const char* flag, const std::string& v) {
    o += std::string(" ") + flag + " " + ruleWord(v);
  };
  if (e.partition.given())
    add("--partition", e.partition.value);
  if (e.gres.given())
    add("--gres", e.gres.value);
  if (e.cpus)
    add("--cpus", std::to_string(*e.cpus));
  if (e.memBytes)
    add("--mem", std::to_string(static_cast<long long>(std::ceil(*e.memBytes / 1048576.0))) + "M");
  if (e.timeSeconds)
    add("--time", std::to_string(static_cast<long long>(std::ceil(*e.timeSeconds / 60.0))));
  if (e.account.given())
    add("--account", e.account.value);
  if (e.extra.given())
    add("--extra", e.extra.value);
  if (e.retries)
    add("--retries", std::to_string(*e.retries));
  return o;
}

} // namespace

std::string emitNinjaRules(const dsl::Study& study, const EmitContext& ctx) {
  std::int64_t depth = study.agent && study.agent->parallel ? *study.agent->parallel : 1;
  bool slurm = study.executor && study.executor->kind.value == "slurm";
  std::ostringstream out;
  out << emitNinjaHeader(study, ctx);
  out << "# The runner writes one manifest per round of trials; it sets $runner,\n"
         "# $launcher and $slurm_trial and includes this file.\n\n";
  out << "ninja_required_version = 1.10\n\n";
  out << "pool hpoc_trials\n  depth = " << depth << "\n\n";
  if (slurm)
    out << "# executor slurm: each trial is a Slurm job; hpoc-slurm-trial submits it,\n"
           "# retries it after a cluster failure and publishes its result only on success.\n";
  out << "rule hpoc_trial\n"
         "  command = $launcher "
      << (slurm ? "$slurm_trial" + slurmOptions(*study.executor) + " -- " : std::string())
      << "$runner --run-trial $trial_dir\n"
         "  description = trial $trial_id\n"
         "  pool = hpoc_trials\n"
         "  restat = 1\n";
  return out.str();
}

} // namespace hpoc::codegen
