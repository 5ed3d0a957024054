// The `executor` section: where a study's trials run.
//
//   executor local                 # the default: on this machine, `parallel` at once
//   executor slurm {               # each trial a Slurm job (docs/cluster.md)
//     partition gpu
//     gres "gpu:1"
//     cpus 4
//     mem 16GiB
//     time 30min
//     account "proj-42"
//     extra "--qos=normal"
//     retries 2
//   }
#include "dsl/parser.h"

namespace hpoc::dsl {

namespace {
const char* const kExecutorKinds = "local, slurm";
const char* const kSlurmItems = "partition, gres, cpus, mem, time, account, extra, retries";
} // namespace

void Parser::parseExecutor(Study& s) {
  s.executor.emplace();
  Executor& e = *s.executor;
  const Token& keyword = advance(); // 'executor'
  e.range = keyword.range;
  if (valueOnNextLine("where trials run (local or slurm)"))
    return;
  if (!tok().isWord("local") && !tok().isWord("slurm")) {
    errorExpected("where trials run (local or slurm)", kExecutorKinds);
    syncToNextItem();
    return;
  }
  e.kind = {tok().text, tok().range};
  if (e.kind.value == "local" || !peek().is(TokenKind::LBrace) || peek().startsLine) {
    advance();
    e.range = rangeFrom(keyword.range);
    if (e.kind.value == "local" && tok().is(TokenKind::LBrace) && !tok().startsLine) {
      diags_.error(tok().range,
                   "'executor local' takes no options; only 'executor slurm' has a block");
      syncToNextItem();
    }
    return;
  }
  SourceRange partitionSeen, gresSeen, accountSeen, extraSeen;
  SourceRange block;
  parseBlock("slurm", block, [&] {
    const Token& key = tok();
    auto text = [&](SourceRange& seen, Text& out, const char* what) {
      if (!once(seen, key, "executor slurm"))
        return false;
      advance();
      return parseWordOrString(out, what);
    };
    if (key.isWord("partition"))
      return text(partitionSeen, e.partition, "a partition name");
    if (key.isWord("gres"))
      return text(gresSeen, e.gres, "generic resources such as \"gpu:1\"");
    if (key.isWord("account"))
      return text(accountSeen, e.account, "an account name");
    if (key.isWord("extra")) {
      if (!once(extraSeen, key, "executor slurm"))
        return false;
      advance();
      return parseText(e.extra, "more srun options as a string");
    }
    if (key.isWord("cpus") || key.isWord("retries")) {
      bool cpus = key.isWord("cpus");
      SourceRange& range = cpus ? e.cpusRange : e.retriesRange;
      if (!once(range, key, "executor slurm"))
        return false;
      advance();
      std::int64_t n = 0;
      if (!parseInteger(n, range,
                        cpus ? "the CPUs of a trial" : "the retries after a cluster failure"))
        return false;
      (cpus ? e.cpus : e.retries) = n;
      return true;
    }
    if (key.isWord("mem")) {
      if (!once(e.memRange, key, "executor slurm"))
        return false;
      advance();
      double bytes = 0;
      if (!parseSize(bytes, e.memSpelling, e.memRange))
        return false;
      e.memBytes = bytes;
      return true;
    }
    if (key.isWord("time")) {
      if (!once(e.timeRange, key, "executor slurm"))
        return false;
      advance();
      double sec = 0;
      std::string spelling;
      if (!parseDuration(sec, spelling, e.timeRange))
        return false;
      e.timeSeconds = sec;
      return true;
    }
    if (!key.is(TokenKind::Invalid))
      diags_.error(key.range, unknownItemMessage(key, "executor slurm", kSlurmItems));
    return false;
  });
  e.range = rangeFrom(keyword.range);
}

} // namespace hpoc::dsl
