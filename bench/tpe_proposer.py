#!/usr/bin/env python3
"""Optuna's TPE as an hpoc proposer (the runner's `--strategy external`).

Reads one request from standard input (docs/strategies.md), rebuilds an
in-memory Optuna study from the trials hpoc recorded, asks TPE for the next
configurations and prints {"proposals": [...]}. The study lives in hpoc's
journal, so nothing is kept between calls, a killed run resumes exactly, and
the trials go through hpoc's trial cache like every other strategy's.

TPE starts from `--startup` random trials (Optuna's own default is 10, which
would make a 10-trial budget pure random search; 3 is used here and recorded in
each rationale). Failed trials are told to Optuna as failed.

    bench/tpe-proposer [--startup 3]      # a wrapper that finds Optuna
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--startup", type=int, default=3)
    args = ap.parse_args()
    req = json.load(sys.stdin)
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    space = req["space"]
    dists = {p["name"]: distribution(p) for p in space}
    direction = "maximize" if req["goal"]["maximize"] else "minimize"
    seed = int(req["seed"]) * 1000003 + int(req["first"])
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=args.startup)
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
