// What one attempt at a trial on Slurm amounts to. Three witnesses must agree
// before a result is published: srun's exit status, a staged result whose seal
// and artifact hashes hold, and the job's final state. srun can exit 0 after
// NODE_FAIL and a cancelled job leaves a half-written folder, so no one of
// them is enough alone.
#pragma once

#include "runtime/slurm/job_state.h"

#include <string>

namespace hpoc::rt::slurm {

enum class Verdict {
  Publish,          ///< the trial ran to its end (its own failure included): publish its result
  TrialTimeout,     ///< the trial reached Slurm's time limit: record it as a timeout
  TrialOutOfMemory, ///< the trial went past its `mem`: record it as failed
  ClusterFailure,   ///< the cluster failed the trial: never cached, retried
  Interrupted,      ///< the build was stopped: cancel, publish nothing
};

struct AttemptFacts {
  bool interrupted = false;
  bool srunStarted = true;
  int srunExit = -1;        ///< -1: killed by a signal
  bool resultValid = false; ///< the staged result and its artifacts hold
  bool resultMissing = true;
  std::string resultProblem; ///< why a present result does not hold
  JobState job;              ///< known=false: the controller did not say
  std::string jobQueryError;
  std::string srunTail; ///< the end of srun's own messages
};

struct AttemptVerdict {
  Verdict verdict = Verdict::ClusterFailure;
  std::string reason; ///< one line for the console and attempts.jsonl
};

AttemptVerdict judgeAttempt(const AttemptFacts& f);

const char* verdictName(Verdict v);

} // namespace hpoc::rt::slurm
