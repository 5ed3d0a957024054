#include "compiler/codegen/runner_emitter.h"

#include <sstream>

namespace hpoc::codegen {

std::string emitNinjaHeader(const dsl::Study& study, const EmitContext& ctx);

std::string emitNinjaRules(const dsl::Study& study, const EmitContext& ctx) {
  std::int64_t depth = study.agent && study.agent->parallel ? *study.agent->parallel : 1;
  std::ostringstream out;
  out << emitNinjaHeader(study, ctx);
  out << "# The runner writes one manifest per round of trials; it sets $runner and\n"
         "# $launcher and includes this file.\n\n";
  out << "ninja_required_version = 1.10\n\n";
  out << "pool hpoc_trials\n  depth = " << depth << "\n\n";
  out << "rule hpoc_trial\n"
         "  command = $launcher $runner --run-trial $trial_dir\n"
         "  description = trial $trial_id\n"
         "  pool = hpoc_trials\n"
         "  restat = 1\n";
  return out.str();
}

} // namespace hpoc::codegen
