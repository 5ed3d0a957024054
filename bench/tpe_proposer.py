#!/usr/bin/env python3
"""Optuna's TPE as an hpoc proposer (the runner's `--strategy external`).

Reads one request from standard input (docs/strategies.md), rebuilds an
in-memory Optuna study from the trials hpoc recorded, asks TPE for the next
configurations and prints {"proposals": [...]}. The study lives in hpoc's
journal, so nothing is kept between calls, a killed run resumes exactly, and
the trials go through hpoc's trial cache like every other strategy's.

TPE starts from `--startup` random trials (Optuna's own default is 10, which
makes a 10-trial budget pure random search; the benchmark runs both 10 and 3,
and the number is recorded in each rationale). With `--default-first`, trial 1
is the study's default configuration (the request's `defaults`, the same one
the runner's `--default-first` gives random search); it counts as one of the
start-up trials, as Optuna counts every finished trial. Failed trials are told
to Optuna as failed. `--describe` prints the Optuna version and the sampler's
exact constructor arguments as JSON and reads no request: the benchmark records
them beside every result.

    bench/tpe-proposer [--startup 3] [--default-first] [--describe]
"""
import argparse
import json
import math
import sys

import optuna


def holds(cond, config):
    """The space's condition tree (docs/strategies.md) on a partial config."""
    op = cond["op"]
    if op == "and":
        return all(holds(c, config) for c in cond["of"])
    if op == "or":
        return any(holds(c, config) for c in cond["of"])
    if op == "not":
        return not holds(cond["of"][0], config)
    if cond["param"] not in config:
        return False
    v = config[cond["param"]]
    if op == "in":
        return v in cond["values"]
    w = cond["value"]
    return {"==": v == w, "!=": v != w, "<": v < w, "<=": v <= w, ">": v > w, ">=": v >= w}[op]


def distribution(p):
    kind = p["kind"]
    if kind == "float":
        lo, hi = p["range"]
        return optuna.distributions.FloatDistribution(lo, hi, log=p.get("log", False))
    if kind == "int":
        lo, hi = p["range"]
        return optuna.distributions.IntDistribution(int(lo), int(hi), log=p.get("log", False))
    if kind == "bool":
        return optuna.distributions.CategoricalDistribution([False, True])
    return optuna.distributions.CategoricalDistribution(p["choices"])


def suggest(trial, p):
    name, kind = p["name"], p["kind"]
    if kind == "float":
        return trial.suggest_float(name, p["range"][0], p["range"][1], log=p.get("log", False))
    if kind == "int":
        return trial.suggest_int(name, int(p["range"][0]), int(p["range"][1]), log=p.get("log", False))
    if kind == "bool":
        return trial.suggest_categorical(name, [False, True])
    return trial.suggest_categorical(name, p["choices"])


def canonical(config):
    return json.dumps(config, sort_keys=True)


def sample(trial, space, dists):
    config = {}
    pending = list(space)
    # Decide parameters whose condition reads only decided ones, in order.
    while pending:
        progressed = False
        for p in list(pending):
            needs = set()
            stack = [p.get("when")] if p.get("when") else []
            while stack:
                c = stack.pop()
                if "of" in c:
                    stack.extend(c["of"])
                else:
                    needs.add(c["param"])
            if any(n not in config and n != p["name"] and any(q["name"] == n for q in pending) for n in needs):
                continue
            pending.remove(p)
            progressed = True
            if p.get("when") and not holds(p["when"], config):
                continue
            config[p["name"]] = suggest(trial, p)
        if not progressed:
            raise SystemExit("tpe-proposer: the space's conditions form a cycle")
    return config


SEED_RULE = "search_seed * 1000003 + first_trial_of_the_request"


def sampler_arguments(startup):
    """The keyword arguments given to TPESampler; every other argument keeps Optuna's default."""
    return {"n_startup_trials": startup}


def describe(startup, default_first):
    """What a results file records: the version, the constructor call, and the defaults it relies on."""
    import inspect
    defaults = {name: (repr(p.default) if p.default is not inspect.Parameter.empty else None)
                for name, p in inspect.signature(optuna.samplers.TPESampler.__init__).parameters.items()
                if name != "self"}
    args = sampler_arguments(startup)
    call = "TPESampler(seed=" + SEED_RULE + ", " + ", ".join(f"{k}={v!r}" for k, v in args.items()) + ")"
    import numpy
    return {"optuna": optuna.__version__, "numpy": numpy.__version__,
            "python": sys.version.split()[0], "sampler": call, "arguments": args, "seed": SEED_RULE,
            "default_first": default_first, "signature_defaults": defaults,
            "note": "a fresh sampler per request, its study rebuilt from hpoc's history"}


def default_proposal(req, startup):
    """Trial 1 as the study's default configuration, with a rationale that says so."""
    return {"proposals": [{"config": req["defaults"],
                           "rationale": f"the study's default configuration, trial 1 of Optuna "
                                        f"{optuna.__version__} TPESampler's {startup} startup trials"}]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--startup", type=int, default=3)
    ap.add_argument("--default-first", action="store_true",
                    help="trial 1 is the request's default configuration")
    ap.add_argument("--describe", action="store_true",
                    help="print the Optuna version and the sampler's arguments as JSON, and stop")
    args = ap.parse_args()
    if args.describe:
        json.dump(describe(args.startup, args.default_first), sys.stdout, sort_keys=True)
        sys.stdout.write("\n")
        return
    req = json.load(sys.stdin)
    if args.default_first and not req["history"] and int(req["first"]) == 1 and req.get("defaults"):
        json.dump(default_proposal(req, args.startup), sys.stdout)
        sys.stdout.write("\n")
        return
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    space = req["space"]
    dists = {p["name"]: distribution(p) for p in space}
    direction = "maximize" if req["goal"]["maximize"] else "minimize"
    seed = int(req["seed"]) * 1000003 + int(req["first"])
    sampler = optuna.samplers.TPESampler(seed=seed, **sampler_arguments(args.startup))
    study = optuna.create_study(direction=direction, sampler=sampler)
    tried = set()
    for t in req["history"]:
        config = t["config"]
        tried.add(canonical(config))
        params = {k: v for k, v in config.items() if k in dists}
        ok = t.get("status") == "ok" and t.get("metric") is not None and math.isfinite(t["metric"])
        study.add_trial(optuna.trial.create_trial(
            params=params, distributions={k: dists[k] for k in params},
            value=t["metric"] if ok else None,
            state=optuna.trial.TrialState.COMPLETE if ok else optuna.trial.TrialState.FAIL))
    proposals = []
    for _ in range(int(req["count"])):
        for attempt in range(100):
            trial = study.ask()
            config = sample(trial, space, dists)
            for p in space:  # hpoc's integers stay integers, floats stay floats
                if p["name"] in config and p["kind"] == "int":
                    config[p["name"]] = int(config[p["name"]])
            key = canonical(config)
            if key not in tried:
                break
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        else:
            break  # nothing untried found: fewer proposals tell hpoc the space is exhausted
        tried.add(key)
        # Count the proposal as pending so a batch does not propose the same point twice.
        study.tell(trial, state=optuna.trial.TrialState.FAIL)
        n = len(req["history"]) + len(proposals)
        how = "random start" if n < args.startup else "TPE"
        proposals.append({"config": config,
                          "rationale": f"Optuna {optuna.__version__} TPESampler ({how}, "
                                       f"{args.startup} startup trials, seed {req['seed']})"})
    json.dump({"proposals": proposals}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
