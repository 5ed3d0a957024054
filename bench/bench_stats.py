"""Statistics of the benchmark's results: best-so-far at a mark, mean ranks of
the strategies across tasks, and paired differences between two strategies with
a seeded bootstrap interval. Standard library only, so that the numbers in
docs/benchmarks.md can be recomputed anywhere from the results files.

A run is a dict of bench/compare.py's results: "strategy", "seed", "maximize"
and "best" (best-so-far per trial, None before the first success).
"""
import random
import statistics

BOOTSTRAP_SEED = 20
BOOTSTRAP_RESAMPLES = 10000


def best_at(run, k):
    """The run's best-so-far after k trials, or None (fewer trials, or none succeeded)."""
    best = run.get("best") or []
    return best[k - 1] if len(best) >= k else None


def mean_at(runs, k):
    values = [v for v in (best_at(r, k) for r in runs) if v is not None]
    return statistics.mean(values) if values else None


def ranks(values, maximize):
    """Rank of each value, 1 the best, ties sharing the mean of their places."""
    order = sorted(range(len(values)), key=lambda i: -values[i] if maximize else values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for t in range(i, j + 1):
            out[order[t]] = (i + j) / 2 + 1
        i = j + 1
    return out


def mean_ranks(tasks, strategies, k):
    """Mean rank of each strategy's mean best-so-far at mark k, over the tasks
    where every one of the strategies has a value there.

    tasks: {task: {strategy: [run, ...]}}. Returns ({strategy: mean rank}, tasks used).
    """
    sums = {s: 0.0 for s in strategies}
    used = []
    for task, groups in sorted(tasks.items()):
        means = [mean_at(groups.get(s, []), k) for s in strategies]
        if any(m is None for m in means):
            continue
        maximize = groups[strategies[0]][0].get("maximize", True)
        for s, r in zip(strategies, ranks(means, maximize)):
            sums[s] += r
        used.append(task)
    if not used:
        return {}, []
    return {s: sums[s] / len(used) for s in strategies}, used


def paired_differences(runs_a, runs_b, k):
    """A's best-so-far at k minus B's, seed by seed, on the seeds both ran.
    Signed so that a positive difference means A is better (for a metric to
    minimise, B - A)."""
    by_seed = {r["seed"]: r for r in runs_b}
    out = []
    for r in sorted(runs_a, key=lambda r: r["seed"]):
        other = by_seed.get(r["seed"])
        if other is None:
            continue
        a, b = best_at(r, k), best_at(other, k)
        if a is None or b is None:
            continue
        out.append(a - b if r.get("maximize", True) else b - a)
    return out


def bootstrap_interval(values, seed=BOOTSTRAP_SEED, resamples=BOOTSTRAP_RESAMPLES, level=0.95):
    """The mean of `values` and a percentile bootstrap interval for it (resampling
    the values with replacement; seeded, so the same values give the same interval)."""
    if not values:
        return None
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choice(values) for _ in range(n)) / n for _ in range(resamples))
    lo = means[int((1 - level) / 2 * resamples)]
    hi = means[min(resamples - 1, int((1 + level) / 2 * resamples))]
    return statistics.mean(values), lo, hi


def verdict(interval):
    """'A' (interval above 0), 'B' (below 0) or '0' (it includes 0)."""
    _, lo, hi = interval
    if lo > 0:
        return "A"
    if hi < 0:
        return "B"
    return "0"
