#include "runtime/slurm/attempt_verdict.h"

namespace hpoc::rt::slurm {

namespace {
std::string jobWords(const JobState& j) {
  std::string s = "job state " + j.state;
  if (!j.reason.empty() && j.reason != "None")
    s += " (" + j.reason + ")";
  if (!j.nodes.empty() && j.nodes != "(null)")
    s += " on " + j.nodes;
  return s;
}

std::string srunWords(const AttemptFacts& f) {
  std::string s =
      f.srunExit < 0 ? "srun was killed" : "srun exited with status " + std::to_string(f.srunExit);
  if (!f.srunTail.empty())
    s += ": " + f.srunTail;
  return s;
}
} // namespace

AttemptVerdict judgeAttempt(const AttemptFacts& f) {
  if (f.interrupted)
    return {Verdict::Interrupted, "the build was interrupted; the job is cancelled"};
  if (!f.srunStarted)
    return {Verdict::ClusterFailure, "srun could not be started: " + f.srunTail};
  const JobState& j = f.job;
  if (j.known && j.state == "TIMEOUT")
    return {Verdict::TrialTimeout, "the trial reached the Slurm time limit"};
  if (j.known && j.state == "OUT_OF_MEMORY")
    return {Verdict::TrialOutOfMemory, "the trial went past its Slurm memory limit"};
  if (j.known && !(j.state == "COMPLETED" || j.state == "FAILED"))
    return {Verdict::ClusterFailure, jobWords(j) + "; " + srunWords(f)};
  if (!f.resultMissing && !f.resultValid)
    return {Verdict::ClusterFailure, "the staged result was rejected: " + f.resultProblem};
  if (f.resultValid && f.srunExit == 0 && (!j.known || j.state == "COMPLETED"))
    return {Verdict::Publish, j.known ? ""
                                      : "published on srun's status and the sealed result; "
                                        "the controller did not say the job's state (" +
                                            f.jobQueryError + ")"};
  // The trial runner writes a result for every failure of the trainer itself,
  // so no result means the trial never ran to its end: a launch failure, a lost
  // controller, or a runner killed under it.
  std::string why = f.resultMissing ? "no result" : "a result srun did not vouch for";
  if (j.known)
    return {Verdict::ClusterFailure, why + "; " + jobWords(j) + "; " + srunWords(f)};
  return {Verdict::ClusterFailure,
          why + "; no job state (" + f.jobQueryError + "); " + srunWords(f)};
}

const char* verdictName(Verdict v) {
  switch (v) {
  case Verdict::Publish:
    return "published";
  case Verdict::TrialTimeout:
    return "timeout";
  case Verdict::TrialOutOfMemory:
    return "out-of-memory";
  case Verdict::ClusterFailure:
    return "cluster-failure";
  case Verdict::Interrupted:
    return "interrupted";
  }
  return "?";
}

} // namespace hpoc::rt::slurm
