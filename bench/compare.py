#!/usr/bin/env python3
"""Compares search strategies on hpoc studies: best-so-far at trial marks.

For every study and every strategy and search seed, runs the study's generated
runner in its own folder, OUT/<study>/<strategy>-s<seed>/, whose `trials`
folder is a link to OUT/<study>/trials: all runs of a study share one trial
cache, so a configuration is trained once whoever proposes it, and a rerun of
the comparison trains nothing. The trials' own seed stays the study's, so the
runs differ only in the search (`--search-seed`).

Besides the runs, each study gets the paper's "human" reference: the best of at
least --human random trials (the random runs' trials, topped up with more
random runs when fewer).

Run specs (--runs NAME=N,...; each names the runner's arguments, see SPECS):
  random               seeded random search
  random-default       random search whose first trial is the study's defaults
  optuna-tpe10         Optuna's TPE with its default 10 start-up trials (at a
                       10-trial budget, random search by Optuna's draws)
  optuna-tpe3          Optuna's TPE, 3 start-up trials (`tpe` is its old name)
  optuna-tpe3-default  the same, trial 1 the study's defaults
  native-tpe           hpoc's own TPE (`--strategy tpe`), the study's start-up
                       (default 10: the very draws of `random`)
  native-tpe3          hpoc's TPE with `--startup-trials 3`
  native-tpe3-default  the same, trial 1 the study's defaults
  agent                the study's agent (the hybrid of TPE and the LLM);
                       `hybrid` is the same run
  agent-classic        the agent before the hybrid (ablation row)
  hybrid-nowarm        the agent without the LLM's warm start (--warm-start 0)
  hybrid-noshare       the agent without the LLM's choices (--llm-share 0)
  hybrid-share03       the agent with --llm-share 0.3
  hybrid-share06       the agent with --llm-share 0.6
The LLM's runs (agent, agent-classic, hybrid-*) take one lane of their own.

    bench/compare.py --build build --out bench-out \\
        --runs agent=3,random=5,random-default=5,optuna-tpe3=5 STUDY...

Writes OUT/results.json (every run's metrics per trial, best-so-far, tokens,
LLM and training time) and prints a table. bench/report.py renders it.
Standard library only.
"""
import argparse
import concurrent.futures
import json
import math
import os
import shlex
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MARKS = (1, 3, 5, 10)
LOCK = threading.Lock()


def log(msg):
    with LOCK:
        print(msg, flush=True)


def runner_command(build, study):
    """The tune-<study> target's runner command line, from the build's Ninja file."""
    targets = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"], check=True,
                             capture_output=True, text=True).stdout
    want = "CMakeFiles/tune-" + study + ":"
    for line in targets.splitlines():
        name = line.split(" ", 1)[0]
        if name.endswith(want) and not name.startswith("/"):
            cmds = subprocess.run(["ninja", "-C", build, "-t", "commands", name[:-1]], check=True,
                                  capture_output=True, text=True).stdout.strip().splitlines()
            return cmds[-1]
    raise SystemExit(f"compare: no target tune-{study} in {build} (is the study added with "
                     "hpoc_add_study and the build configured?)")


PROPOSER = os.path.join(HERE, "tpe-proposer")

# Run spec -> the runner's arguments (besides --search-seed). A spec's name is
# its column in the report and its run folders' prefix, so a spec means one
# thing forever: change the arguments under a new name.
SPECS = {
    "random": ["--strategy", "random"],
    "random-default": ["--strategy", "random", "--default-first"],
    "optuna-tpe10": ["--strategy", "external", "--proposer", PROPOSER + " --startup 10"],
    "optuna-tpe3": ["--strategy", "external", "--proposer", PROPOSER + " --startup 3"],
    "optuna-tpe3-default": ["--strategy", "external", "--proposer",
                            PROPOSER + " --startup 3 --default-first"],
    "native-tpe": ["--strategy", "tpe"],
    "native-tpe3": ["--strategy", "tpe", "--startup-trials", "3"],
    "native-tpe3-default": ["--strategy", "tpe", "--startup-trials", "3", "--default-first"],
    "agent": ["--strategy", "agent"],
    "agent-classic": ["--strategy", "agent-classic"],
    "hybrid-nowarm": ["--strategy", "agent", "--warm-start", "0"],
    "hybrid-noshare": ["--strategy", "agent", "--llm-share", "0"],
    "hybrid-share03": ["--strategy", "agent", "--llm-share", "0.3"],
    "hybrid-share06": ["--strategy", "agent", "--llm-share", "0.6"],
}
DEFAULT_RUNS = ("agent=5,random=5,random-default=5,optuna-tpe10=5,optuna-tpe3=5,optuna-tpe3-default=5,"
                "native-tpe=5,native-tpe3=5,native-tpe3-default=5")
ALIASES = {"tpe": "optuna-tpe3", "hybrid": "agent"}
LLM_SPECS = {"agent", "agent-classic", "hybrid-nowarm", "hybrid-noshare", "hybrid-share03", "hybrid-share06"}


def spec_name(name):
    """A run spec's canonical name, or an error naming the known ones."""
    name = ALIASES.get(name, name)
    if name not in SPECS:
        raise SystemExit(f"compare: unknown run spec '{name}' (known: {', '.join(sorted(SPECS))})")
    return name


def strategy_args(strategy, seed):
    return [shlex.quote(a) for a in SPECS[strategy]] + ["--search-seed", str(seed)]


def describe_spec(name):
    """What the results file records about a spec: the runner's arguments, and for
    Optuna's runs its version and the sampler's exact constructor arguments."""
    out = {"runner_args": [a.replace(HERE, "bench") for a in SPECS[name]] + ["--search-seed", "SEED"]}
    if "--proposer" in SPECS[name]:
        proposer = SPECS[name][SPECS[name].index("--proposer") + 1]
        done = subprocess.run(["/bin/sh", "-c", proposer + " --describe"], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"compare: {proposer} --describe failed: {done.stderr.strip()}")
        out["optuna"] = json.loads(done.stdout)
    return out


def read_journal(path):
    """Trials (number -> record), goal direction, LLM use and seconds of one run."""
    out = {"trials": {}, "maximize": True, "prompt_tokens": 0, "completion_tokens": 0,
           "llm_seconds": 0.0, "llm_calls": 0, "wall_seconds": 0.0, "train_seconds": 0.0}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            ev = e.get("event")
            if ev == "study":
                goal = e.get("shape", {}).get("goal", {})
                out["maximize"] = goal.get("maximize", True)
                out["metric"] = goal.get("metric", "")
            elif ev == "proposed":
                out["trials"][e["trial"]] = {"config": e["config"], "source": e.get("source", "")}
            elif ev == "finished":
                t = out["trials"].setdefault(e["trial"], {})
                t.update(status=e.get("status"), metric=e.get("metric"), seconds=e.get("seconds", 0))
            elif ev == "run":
                out["wall_seconds"] += e.get("seconds", 0)
            for x in (e.get("details") or {}).get("llm", []) if isinstance(e.get("details"), dict) else []:
                if x.get("cached"):
                    continue
                out["llm_calls"] += 1
                out["prompt_tokens"] += x.get("prompt_tokens", 0) or 0
                out["completion_tokens"] += x.get("completion_tokens", 0) or 0
                out["llm_seconds"] += x.get("seconds", 0) or 0
    return out


def summarise(j, trials):
    """Metrics per trial and best-so-far per trial count (None before a first success)."""
    metrics, best, cur = [], [], None
    for k in range(1, trials + 1):
        t = j["trials"].get(k, {})
        m = t.get("metric") if t.get("status") == "ok" else None
        if m is not None and not math.isfinite(m):
            m = None
        metrics.append(m)
        if m is not None and (cur is None or (m > cur if j["maximize"] else m < cur)):
            cur = m
        best.append(cur)
    train = sum(t.get("seconds", 0) or 0 for t in j["trials"].values())
    return {"metrics": metrics, "best": best,
            "configs": [j["trials"].get(k, {}).get("config") for k in range(1, trials + 1)],
            "sources": [j["trials"].get(k, {}).get("source") for k in range(1, trials + 1)],
            "prompt_tokens": j["prompt_tokens"], "completion_tokens": j["completion_tokens"],
            "llm_calls": j["llm_calls"], "llm_seconds": round(j["llm_seconds"], 1),
            "wall_seconds": round(j["wall_seconds"], 1), "train_seconds": round(train, 1)}


def run_one(build, out, study, command, strategy, seed, trials):
    base = os.path.join(out, study)
    run_dir = os.path.join(base, f"{strategy}-s{seed}")
    os.makedirs(os.path.join(base, "trials"), exist_ok=True)
    os.makedirs(run_dir, exist_ok=True)
    link = os.path.join(run_dir, "trials")
    if not os.path.islink(link):
        os.symlink("../trials", link)
    cmd = (command + " --study-dir " + run_dir + " --trials " + str(trials) + " " +
           " ".join(strategy_args(strategy, seed)))
    started = time.time()
    with open(os.path.join(run_dir, "runner.log"), "ab") as logf:
        rc = subprocess.run(["/bin/sh", "-c", cmd], stdout=logf, stderr=subprocess.STDOUT).returncode
    j = read_journal(os.path.join(run_dir, "journal.jsonl"))
    s = summarise(j, trials)
    s.update(strategy=strategy, seed=seed, exit_code=rc, maximize=j["maximize"], metric=j.get("metric", ""),
             seconds_this_call=round(time.time() - started, 1))
    best = s["best"][-1]
    log(f"compare: {study} {strategy} seed {seed}: best {best} "
        f"({time.time() - started:.0f} s{', exit ' + str(rc) if rc else ''})")
    return s


def human(build, out, study, command, runs, need, trials):
    """The best of at least `need` distinct random trials: the random runs', topped up."""
    seen, metrics, maximize = set(), [], True
    pool = [r for r in runs if r["strategy"] == "random"]
    extra = 100
    while True:
        for r in pool:
            maximize = r["maximize"]
            for c, m in zip(r["configs"], r["metrics"]):
                key = json.dumps(c, sort_keys=True)
                if c is not None and key not in seen:
                    seen.add(key)
                    metrics.append(m)
        if len(seen) >= need or extra > 200:
            break
        pool = [run_one(build, out, study, command, "random", extra, trials)]
        extra += 1
    ok = [m for m in metrics if m is not None]
    best = (max(ok) if maximize else min(ok)) if ok else None
    return {"trials": len(seen), "best": best}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--out", default="bench-out")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--runs", default=DEFAULT_RUNS,
                    help="strategy=N,... (seeds 1..N) or strategy=A..B (seeds A..B)")
    ap.add_argument("--human", type=int, default=50, help="random trials behind 'human' (0: none)")
    ap.add_argument("--lanes", type=int, default=2,
                    help="runs at once: the agent's runs in one lane, the others in the rest")
    ap.add_argument("--results", help="the results file (default OUT/results.json); separate files let "
                    "two comparisons share OUT's trial cache at once (bench/report.py merges them)")
    ap.add_argument("studies", nargs="+")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    build = os.path.abspath(args.build)
    plan = []
    for item in args.runs.split(","):
        name, _, n = item.partition("=")
        first, _, last = (n or "1").rpartition("..")
        try:
            seeds = range(int(first or 1), int(last) + 1)
        except ValueError:
            seeds = range(0)
        if not seeds or seeds[0] < 1:
            raise SystemExit(f"compare: --runs '{item}': expected strategy=N or strategy=A..B, seeds from 1")
        plan.append((spec_name(name.strip()), seeds))
    results_path = os.path.abspath(args.results) if args.results else os.path.join(out, "results.json")
    results = {}
    if os.path.exists(results_path):
        with open(results_path, encoding="utf-8") as f:
            results = json.load(f)
    os.makedirs(out, exist_ok=True)

    def save():
        with LOCK:
            tmp = results_path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=1, sort_keys=True)
            os.replace(tmp, results_path)

    commands = {s: runner_command(build, s) for s in args.studies}
    specs = results.setdefault("_meta", {}).setdefault("specs", {})
    for name, _ in plan:
        specs[name] = describe_spec(name)
    save()
    started = time.time()

    def lane(jobs):
        for study, strategy, seed in jobs:
            if strategy == "human":
                runs = list(results.get(study, {}).get("runs", {}).values())
                h = human(build, out, study, commands[study], runs, args.human, args.trials)
                with LOCK:
                    results.setdefault(study, {})["human"] = h
            else:
                r = run_one(build, out, study, commands[study], strategy, seed, args.trials)
                with LOCK:
                    results.setdefault(study, {}).setdefault("runs", {})[f"{strategy}-s{seed}"] = r
            save()

    # The agent's runs share one lane (one LLM server at a time), seed by seed
    # across the studies, so a run cut short still covers every study. The other
    # strategies fill the other lanes: a study's runs stay in one lane, one after
    # the other, its "human" reference last (runs of one study never train side
    # by side), and a lane that finishes a study takes the next one waiting, so
    # the lanes end together however long each study takes.
    agent_jobs = [(s, n, k) for n, seeds in plan if n in LLM_SPECS for k in seeds for s in args.studies]
    waiting = []
    for s in args.studies:
        jobs = [(s, n, k) for n, seeds in plan if n not in LLM_SPECS for k in seeds]
        if args.human:
            jobs.append((s, "human", 0))
        if jobs:
            waiting.append(jobs)

    def peer_lane():
        while True:
            with LOCK:
                if not waiting:
                    return
                jobs = waiting.pop(0)
            lane(jobs)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.lanes)) as pool:
        futures = [pool.submit(lane, agent_jobs)] if agent_jobs else []
        peers = max(1, args.lanes - len(futures)) if waiting else 0
        futures += [pool.submit(peer_lane) for _ in range(peers)]
        for f in futures:
            f.result()
    results.setdefault("_meta", {})["last_run_seconds"] = round(time.time() - started, 1)
    results["_meta"]["marks"] = list(MARKS)
    save()
    print(f"compare: done in {time.time() - started:.0f} s; results in {results_path}")


if __name__ == "__main__":
    sys.exit(main())
