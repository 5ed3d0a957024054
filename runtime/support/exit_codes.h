// The study runner's exit codes: what `cmake --build ... --target tune-NAME`
// and scripts see. docs/strategies.md lists them.
#pragma once

namespace hpoc::rt {

inline constexpr int kRunExitOk = 0; ///< the study is complete (or stopped by its own limits)
inline constexpr int kRunExitError =
    1; ///< an error, printed (a damaged journal, a changed space, ...)
inline constexpr int kRunExitUsage = 2;     ///< a bad command line
inline constexpr int kRunExitLlmFailed = 3; ///< the agent's LLM failed and on_llm_failure is `stop`
inline constexpr int kRunExitNoSuccess = 4; ///< every trial of the study failed
inline constexpr int kRunExitInternal =
    70; ///< an exception escaped: a bug in hpoc (sysexits' EX_SOFTWARE)
inline constexpr int kRunExitInterrupted = 130; ///< Ctrl-C or SIGTERM; run again to resume

} // namespace hpoc::rt
