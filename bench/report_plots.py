"""The benchmark's figures (matplotlib, PNG): best-so-far per task, mean rank per
mark, and the paired differences with their bootstrap intervals. bench/report.py
calls render(); the numbers are the tables', from bench_stats."""
import os
import statistics

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import bench_stats  # noqa: E402

MARKS = (1, 3, 5, 10)


def _curve(runs):
    n = max(len(r.get("best") or []) for r in runs)
    xs, ms = [], []
    for k in range(1, n + 1):
        m = bench_stats.mean_at(runs, k)
        if m is not None:
            xs.append(k)
            ms.append(m)
    return xs, ms


def best_so_far(tasks, present, info, path, label, colour):
    names = sorted(tasks)
    cols = 4
    rows = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, study in zip(axes.flat, names):
        for s in present:
            if s in tasks[study]:
                xs, ms = _curve(tasks[study][s])
                ax.plot(xs, ms, color=colour[s], label=label[s], linewidth=1.6)
        ax.set_title(info.get(study, (study, {}))[0], fontsize=9)
        ax.set_xlabel("trial", fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8)
    fig.suptitle("Mean best-so-far over the seeds, per task (higher is better)")
    fig.tight_layout(rect=(0, 0.08, 1, 0.97))
    fig.savefig(path, dpi=90)
    plt.close(fig)


def mean_rank(tasks, present, path, label, colour):
    fig, ax = plt.subplots(figsize=(7, 4))
    used = []
    for s in present:
        ys = []
        for k in MARKS:
            means, used = bench_stats.mean_ranks(tasks, present, k)
            ys.append(means.get(s))
        if all(y is not None for y in ys):
            ax.plot(MARKS, ys, marker="o", color=colour[s], label=label[s])
    ax.set_xticks(MARKS)
    ax.set_xlabel("trial")
    ax.set_ylabel("mean rank (1 = best)")
    ax.invert_yaxis()
    ax.set_title(f"Mean rank across {len(used)} task(s)")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def paired(tasks, info, pairs, path, label):
    """One panel per pair: per task, the trial-10 difference over the s.d. of all
    of the task's runs at trial 10 (so that tasks of different scales share an axis)."""
    pairs = [(a, b) for a, b in pairs if any(a in g and b in g for g in tasks.values())]
    if not pairs:
        return False
    fig, axes = plt.subplots(1, len(pairs), figsize=(4.2 * len(pairs), 4.5), squeeze=False, sharey=True)
    names = sorted(tasks)
    for ax, (a, b) in zip(axes.flat, pairs):
        for y, study in enumerate(names):
            g = tasks[study]
            if a not in g or b not in g:
                continue
            iv = bench_stats.bootstrap_interval(bench_stats.paired_differences(g[a], g[b], 10))
            values = [bench_stats.best_at(r, 10) for runs in g.values() for r in runs]
            values = [v for v in values if v is not None]
            scale = statistics.pstdev(values) if len(values) > 1 else 0
            if iv is None or not scale:
                continue
            m, lo, hi = (v / scale for v in iv)
            ax.plot([lo, hi], [y, y], color="#444")
            ax.plot([m], [y], "o", color="#d62728" if lo > 0 else "#1f77b4" if hi < 0 else "#444")
        ax.axvline(0, color="#999", linestyle="--")
        ax.set_title(f"{label[a]}\nminus {label[b]}", fontsize=8)
        ax.set_xlabel("trial-10 difference / task's s.d.", fontsize=8)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels([info.get(s, (s, {}))[0] for s in names], fontsize=7)
    fig.suptitle("Paired differences at trial 10, bootstrap 95% intervals over the seeds", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def render(tasks, present, info, docs, label, colour, pairs):
    """Writes the figures into docs; returns [(file name, alt text)]."""
    if not tasks:
        return []
    out = []
    best_so_far(tasks, present, info, os.path.join(docs, "best-so-far.png"), label, colour)
    out.append(("best-so-far.png", "mean best-so-far per task"))
    mean_rank(tasks, present, os.path.join(docs, "mean-rank.png"), label, colour)
    out.append(("mean-rank.png", "mean rank per trial mark"))
    if paired(tasks, info, pairs, os.path.join(docs, "paired-differences.png"), label):
        out.append(("paired-differences.png", "paired differences at trial 10"))
    return out
