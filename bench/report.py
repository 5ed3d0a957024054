#!/usr/bin/env python3
"""Renders bench/compare.py's results: the table in the AgentHPO paper's layout
(task by trial mark, one column per strategy, mean and standard deviation over
seeds), the mean rank of each strategy per mark across tasks, paired
differences between strategies (A - B seed by seed, with a seeded bootstrap 95%
interval), the ablation table of the agent (cells without runs say "not run"),
the versions and arguments behind each column, a best-so-far plot per task
(SVG), figures of the same (PNG, matplotlib), the agent's token use per study,
and the agent's trajectories on the convex function (section 5.2 of the paper).

    bench/report.py OUT/results-*.json [--docs docs/benchmarks] [--doc docs/benchmarks.md] [--block results]

Writes DOCS/BLOCK.json (the merged results), DOCS/<task>.svg, DOCS/*.png,
DOCS/convex-2d.svg, and replaces the part of the page (--doc, default
benchmarks.md beside DOCS) between `<!-- BLOCK:begin -->` and
`<!-- BLOCK:end -->`. The statistics are bench_stats.py's (standard library);
the PNG figures need matplotlib and are left out, with a message, without it.
"""
import argparse
import glob
import html
import json
import math
import os
import statistics

import bench_stats

try:
    import report_plots
except ImportError as e:  # matplotlib missing: the tables still render
    print(f"report: no plots ({e}); install python3-matplotlib", flush=True)
    report_plots = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORDER = ["agent", "agent-classic", "native-tpe", "native-tpe3", "native-tpe3-default", "optuna-tpe10",
         "optuna-tpe3", "optuna-tpe3-default", "random", "random-default",
         "hybrid-nowarm", "hybrid-noshare", "hybrid-share03", "hybrid-share06"]
LABEL = {"agent": "agent", "agent-classic": "agent, classic", "random": "random",
         "random-default": "random, default first",
         "native-tpe": "TPE (native, 10 start-up)", "native-tpe3": "TPE (native, 3 start-up)",
         "native-tpe3-default": "TPE (native, 3 start-up, default first)",
         "optuna-tpe10": "TPE (Optuna, 10 start-up)", "optuna-tpe3": "TPE (Optuna, 3 start-up)",
         "optuna-tpe3-default": "TPE (Optuna, 3 start-up, default first)",
         "hybrid-nowarm": "agent without warm start", "hybrid-noshare": "agent without LLM choices",
         "hybrid-share03": "agent, LLM share 0.3", "hybrid-share06": "agent, LLM share 0.6"}
COLOUR = {"agent": "#d62728", "agent-classic": "#ff9896", "random": "#1f77b4", "random-default": "#9467bd",
          "native-tpe": "#8c564b", "native-tpe3": "#e377c2", "native-tpe3-default": "#7f7f7f",
          "optuna-tpe10": "#bcbd22", "optuna-tpe3": "#2ca02c", "optuna-tpe3-default": "#17becf",
          "hybrid-nowarm": "#ff7f0e", "hybrid-noshare": "#aec7e8", "hybrid-share03": "#ffbb78",
          "hybrid-share06": "#98df8a"}
# Old results files named Optuna's TPE with 3 start-up trials `tpe`.
ALIASES = {"tpe": "optuna-tpe3", "hybrid": "agent"}
# Rows of the ablation table only, not columns of the main one.
ABLATION_ONLY = ("hybrid-nowarm", "hybrid-noshare", "hybrid-share03", "hybrid-share06")
MARKS = (1, 3, 5, 10)


def task_info():
    """study name -> (folder, bench.json) for the studies under examples/paper."""
    out = {}
    for study in glob.glob(os.path.join(ROOT, "examples", "paper", "*", "study.hpo")):
        folder = os.path.dirname(study)
        name = None
        with open(study, encoding="utf-8") as f:
            for line in f:
                if line.startswith("study "):
                    name = line.split()[1]
                    break
        meta = {}
        if os.path.exists(os.path.join(folder, "bench.json")):
            with open(os.path.join(folder, "bench.json"), encoding="utf-8") as f:
                meta = json.load(f)
        if name:
            out[name] = (os.path.basename(folder), meta)
    return out


def by_strategy(runs):
    groups = {}
    for r in runs.values():
        groups.setdefault(ALIASES.get(r["strategy"], r["strategy"]), []).append(r)
    return groups


def mean_sd(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return statistics.mean(values), sd, len(values)


def fmt(v, digits=4):
    if v is None:
        return "–"
    if v == 0:
        return "0"
    mag = math.floor(math.log10(abs(v)))
    return f"{v:.{max(0, digits - 1 - mag)}f}" if -3 <= mag < 5 else f"{v:.3g}"


def cell(group, k):
    m, sd, n = mean_sd([r["best"][k - 1] if len(r["best"]) >= k else None for r in group])
    if m is None:
        return "–"
    return f"{fmt(m)} ± {fmt(sd, 2)}"


def winner_marks(groups, k, maximize):
    """The strategy with the best mean at mark k."""
    best, who = None, None
    for s in ORDER:
        if s not in groups:
            continue
        m, _, _ = mean_sd([r["best"][k - 1] for r in groups[s] if len(r["best"]) >= k])
        if m is not None and (best is None or (m > best if maximize else m < best)):
            best, who = m, s
    return who


def mark_mean(group, k):
    return mean_sd([r["best"][k - 1] for r in group if len(r["best"]) >= k])[0]


def headline(results, studies):
    """How many tasks the agent's mean best-so-far beats each peer's at trials 1 and 10."""
    out = []
    for peer in [s for s in ORDER if s != "agent" and s not in ABLATION_ONLY]:
        counts, n = {1: 0, 10: 0}, 0
        for study in studies:
            groups = by_strategy(results[study].get("runs", {}))
            if "agent" not in groups or peer not in groups:
                continue
            maximize = groups["agent"][0]["maximize"]
            n += 1
            for k in counts:
                a, b = mark_mean(groups["agent"], k), mark_mean(groups[peer], k)
                if a is not None and b is not None and (a > b if maximize else a < b):
                    counts[k] += 1
        if n:
            out.append(f"{LABEL.get(peer, peer)}: trial 1 on {counts[1]} of {n}, trial 10 on {counts[10]} of {n}")
    return ("The agent's mean beats " + "; ".join(out) + " tasks.") if out else ""


def proposal_sources(run):
    """LLM's own / nudged from a repeat / random fallback, over the run's proposals."""
    src = [s for s in run.get("sources") or [] if s]
    own = sum(1 for s in src if s in ("agent", "agent-repaired"))
    nudged = sum(1 for s in src if s == "agent-nudged")
    return f"{own}/{nudged}/{len(src) - own - nudged}"


def svg_plot(study, groups, human, maximize, metric, title):
    w, h, left, right, top, bottom = 760, 320, 64, 300, 34, 40
    series = {}
    for s in ORDER:
        if s not in groups:
            continue
        n = max(len(r["best"]) for r in groups[s])
        pts = []
        for k in range(1, n + 1):
            m, sd, c = mean_sd([r["best"][k - 1] for r in groups[s] if len(r["best"]) >= k])
            if m is not None:
                pts.append((k, m, sd))
        series[s] = pts
    values = [m - sd for p in series.values() for _, m, sd in p] + [m + sd for p in series.values() for _, m, sd in p]
    if human is not None:
        values.append(human)
    if not values:
        return None
    lo, hi = min(values), max(values)
    if hi == lo:
        hi, lo = hi + 1e-9, lo - 1e-9
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    n = max((len(p) and p[-1][0]) or 1 for p in series.values())
    n = max(n, 2)

    def x(k):
        return left + (k - 1) / (n - 1) * (w - left - right)

    def y(v):
        return top + (hi - v) / (hi - lo) * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13" font-weight="bold">{html.escape(title)}</text>']
    for i in range(5):
        v = lo + (hi - lo) * i / 4
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{fmt(v, 3)}</text>')
    for k in range(1, n + 1):
        out.append(f'<text x="{x(k):.1f}" y="{h - bottom + 16}" text-anchor="middle">{k}</text>')
    out.append(f'<text x="{(left + w - right) / 2:.1f}" y="{h - 6}" text-anchor="middle">trial</text>')
    out.append(f'<text x="14" y="{(top + h - bottom) / 2:.1f}" text-anchor="middle" '
               f'transform="rotate(-90 14 {(top + h - bottom) / 2:.1f})">best {html.escape(metric)} '
               f'({"higher" if maximize else "lower"} is better)</text>')
    legend = 0
    for s, pts in series.items():
        if not pts:
            continue
        band = [(x(k), y(m + sd)) for k, m, sd in pts] + [(x(k), y(m - sd)) for k, m, sd in reversed(pts)]
        out.append('<polygon points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in band) +
                   f'" fill="{COLOUR[s]}" fill-opacity="0.12" stroke="none"/>')
        out.append('<polyline points="' + " ".join(f"{x(k):.1f},{y(m):.1f}" for k, m, _ in pts) +
                   f'" fill="none" stroke="{COLOUR[s]}" stroke-width="2"/>')
        ly = top + 14 * legend
        out.append(f'<line x1="{w - right + 10}" x2="{w - right + 28}" y1="{ly}" y2="{ly}" '
                   f'stroke="{COLOUR[s]}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 32}" y="{ly + 4}">{html.escape(LABEL[s])} '
                   f'(n={len(groups[s])})</text>')
        legend += 1
    if human is not None:
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{y(human):.1f}" y2="{y(human):.1f}" '
                   'stroke="#555" stroke-dasharray="5,4"/>')
        ly = top + 14 * legend
        out.append(f'<line x1="{w - right + 10}" x2="{w - right + 28}" y1="{ly}" y2="{ly}" '
                   'stroke="#555" stroke-dasharray="5,4"/>')
        out.append(f'<text x="{w - right + 32}" y="{ly + 4}">human (best of 50+)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def convex_svg(results):
    """The convex study's trajectories: each run's points in order, per strategy."""
    runs = results.get("convex_2d", {}).get("runs", {})
    if not runs:
        return None
    w, h, m = 460, 460, 40

    def px(v):
        return m + (v + 10) / 20 * (w - 2 * m)

    def py(v):
        return h - m - (v + 10) / 20 * (h - 2 * m)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="sans-serif" font-size="11">', f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<rect x="{m}" y="{m}" width="{w - 2 * m}" height="{h - 2 * m}" fill="none" stroke="#999"/>',
           '<text x="40" y="22" font-size="13" font-weight="bold">convex_2d: proposals in the (x, y) '
           'plane, trial 1 to 10</text>']
    for t in (-10, -5, 0, 5, 10):
        out.append(f'<text x="{px(t):.1f}" y="{h - m + 16}" text-anchor="middle">{t}</text>')
        out.append(f'<text x="{m - 6}" y="{py(t) + 4:.1f}" text-anchor="end">{t}</text>')
    dash = {1: "", 2: "6,3", 3: "2,3"}
    for key in sorted(runs):
        r = runs[key]
        if r["strategy"] not in ("agent", "agent-classic"):
            continue
        pts = [(c["x"], c["y"]) for c in r["configs"] if c]
        if not pts:
            continue
        col = COLOUR["agent"]
        out.append('<polyline points="' + " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in pts) +
                   f'" fill="none" stroke="{col}" stroke-width="1.5" stroke-dasharray="{dash.get(r["seed"], "")}"/>')
        sources = r.get("sources") or []
        for i, (a, b) in enumerate(pts):
            own = i < len(sources) and sources[i] in ("agent", "agent-repaired", "agent-nudged")
            out.append(f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3" fill="{col if own else "white"}" '
                       f'stroke="{col}"/>')
            out.append(f'<text x="{px(a) + 4:.1f}" y="{py(b) - 4:.1f}" font-size="9">{i + 1}</text>')
        out.append(f'<text x="{w - m - 4}" y="{m + 14 * r["seed"]}" text-anchor="end" fill="{col}">'
                   f'seed {r["seed"]}: {"solid" if r["seed"] == 1 else "dashed" if r["seed"] == 2 else "dotted"}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# The paired comparisons the issue asks for: A - B, seed by seed, per task.
PAIRS = [("agent", "optuna-tpe3"), ("agent", "native-tpe3"), ("agent-classic", "optuna-tpe3"),
         ("native-tpe3", "optuna-tpe3"),
         ("native-tpe3-default", "optuna-tpe3-default"), ("native-tpe", "optuna-tpe10")]
ABLATION = ["agent", "native-tpe3", "hybrid-nowarm", "hybrid-noshare", "hybrid-share03", "hybrid-share06"]


def rank_table(tasks, columns, title):
    """Mean rank of each column per mark, over the tasks where all of them ran."""
    lines = [title, "", "| strategy | " + " | ".join(f"trial {k}" for k in MARKS) + " |",
             "|---|" + "---|" * len(MARKS)]
    per_mark = {k: bench_stats.mean_ranks(tasks, columns, k) for k in MARKS}
    used = per_mark[MARKS[-1]][1]
    if not used:
        return lines[:1] + ["", "(no task has a result for every column yet)"]
    for s in columns:
        cells = [f"{per_mark[k][0][s]:.2f}" if s in per_mark[k][0] else "–" for k in MARKS]
        lines.append(f"| {LABEL[s]} | " + " | ".join(cells) + " |")
    lines += ["", f"Over {len(used)} task(s): {', '.join(used)}."]
    return lines


def rank_lines(tasks, present):
    """Mean ranks over every column; while some columns have run on few tasks, also over
    the columns that ran on at least half of them (on the tasks where all of those ran)."""
    lines = rank_table(tasks, present, "Mean rank of each strategy's mean best-so-far (1 = best; ties share "
                                       "their places), over the tasks where every column has a result:")
    common = [s for s in present if 2 * sum(s in g for g in tasks.values()) >= len(tasks)]
    if len(common) > 1 and common != present:
        lines += [""] + rank_table(tasks, common, "The same over the columns that ran on at least half of "
                                                  "the tasks, on the tasks where all of them ran:")
    return lines


def paired_lines(tasks, info):
    """Per pair, per task: mean paired difference A - B with its bootstrap 95% interval per mark."""
    lines = [f"Paired differences, A - B seed by seed (the runs with the same search seed), "
             f"mean and bootstrap 95% interval over the seeds ({bench_stats.BOOTSTRAP_RESAMPLES} "
             f"resamples, seed {bench_stats.BOOTSTRAP_SEED}); positive means A found the better model "
             "(every paper task's metric is to be maximised). With 5 seeds an interval is coarse: "
             "read the counts, not a single task."]
    for a, b in PAIRS:
        rows, tally = [], {k: {"A": 0, "B": 0, "0": 0} for k in MARKS}
        for study, groups in sorted(tasks.items()):
            if a not in groups or b not in groups:
                continue
            cells = []
            for k in MARKS:
                iv = bench_stats.bootstrap_interval(bench_stats.paired_differences(groups[a], groups[b], k))
                if iv is None:
                    cells.append("–")
                    continue
                tally[k][bench_stats.verdict(iv)] += 1
                cells.append(f"{fmt(iv[0], 3)} [{fmt(iv[1], 3)}, {fmt(iv[2], 3)}]")
            n = len(bench_stats.paired_differences(groups[a], groups[b], MARKS[-1]))
            rows.append(f"| {info.get(study, (study, {}))[0]} | {n} | " + " | ".join(cells) + " |")
        lines += ["", f"**{LABEL[a]} - {LABEL[b]}**", ""]
        if not rows:
            lines.append("not run (no task has both)")
            continue
        lines += ["| task | seeds | " + " | ".join(f"trial {k}" for k in MARKS) + " |",
                  "|---|---|" + "---|" * len(MARKS)] + rows
        lines += ["", "Intervals above 0 / below 0 / including 0: " + "; ".join(
            f"trial {k}: {tally[k]['A']} / {tally[k]['B']} / {tally[k]['0']}" for k in MARKS) + "."]
    return lines


def ablation_lines(tasks, info):
    """The ablation table: mean ± s.d. at trial 10 (and 5) per task; 'not run' where missing."""
    lines = ["Ablation (mean ± s.d. of the best at trial 5 / trial 10 over the seeds; "
             "\"not run\" where no run exists yet):", "",
             "| task | " + " | ".join(LABEL[s] for s in ABLATION) + " |", "|---|" + "---|" * len(ABLATION)]
    for study, groups in sorted(tasks.items()):
        cells = []
        for s in ABLATION:
            if s not in groups:
                cells.append("not run")
                continue
            cells.append(f"{cell(groups[s], 5)} / {cell(groups[s], 10)} (n={len(groups[s])})")
        lines.append(f"| {info.get(study, (study, {}))[0]} | " + " | ".join(cells) + " |")
    for k in (5, 10):
        ran = [s for s in ABLATION if any(s in g for g in tasks.values())]
        means, used = bench_stats.mean_ranks(tasks, ran, k) if len(ran) > 1 else ({}, [])
        lines.append(f"| mean rank at trial {k} ({len(used)} tasks) | " + " | ".join(
            f"{means[s]:.2f}" if s in means else "–" if s in ran else "not run" for s in ABLATION) + " |")
    return lines


def versions_lines(results):
    """The versions and exact arguments behind each column, from the results files."""
    specs = results.get("_meta", {}).get("specs", {})
    if not specs:
        return []
    lines = ["What each column ran (from the results files' `_meta.specs`):", "",
             "| column | runner arguments | Optuna | sampler |", "|---|---|---|---|"]
    for name in [s for s in ORDER if s in specs]:
        spec = specs[name]
        opt = spec.get("optuna") or {}
        versions = opt.get("optuna", "–") + (f" (numpy {opt['numpy']}, Python {opt['python']})" if "numpy" in opt else "")
        lines.append(f"| {LABEL[name]} | `{' '.join(spec['runner_args'])}` | {versions} | "
                     + (f"`{opt['sampler']}`" + (", trial 1 the study's defaults" if opt.get("default_first") else "")
                        if opt else "–") + " |")
    return lines


def replace_block(doc, name, lines):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = begin + "\n" + "\n".join(lines) + "\n" + end
    text = "# Benchmarks\n"
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            text = f.read()
    b, e = text.find(begin), text.find(end)
    if b >= 0 and e > b:
        text = text[:b] + block + text[e + len(end):]
    else:
        text += "\n" + block + "\n"
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)


def dataset_lines():
    """The data set table, from each task's bench.json."""
    lines = ["| paper task (paper's data) | folder | data set | source | size | licence | scaled down |",
             "|---|---|---|---|---|---|---|"]
    for name, (folder, meta) in sorted(task_info().items(), key=lambda kv: kv[1][0]):
        if not meta:
            continue
        paper = f"{meta.get('paper_task', '')} ({meta.get('paper_dataset', '')})"
        data = meta.get("dataset", "") + (" — substitute" if meta.get("substitute") else "")
        lines.append("| " + " | ".join(str(v).replace("|", "/") for v in (
            paper, f"`{folder}`", data, meta.get("source", ""), meta.get("size", ""),
            meta.get("licence", ""), meta.get("trims", "") or "–")) + " |")
    return lines


def convex_lines(results):
    """Per run on the convex study: best value at the marks, where it started, fallbacks."""
    runs = results.get("convex_2d", {}).get("runs", {})
    lines = ["| run | best at trial 1 | 3 | 5 | 10 | first point | proposals: LLM / nudged / random |",
             "|---|---|---|---|---|---|---|"]
    for key in sorted(runs, key=lambda k: (ORDER.index(runs[k]["strategy"]) if runs[k]["strategy"] in ORDER else 9,
                                           runs[k]["seed"])):
        r = runs[key]
        first = r["configs"][0] or {}
        lines.append(f"| {LABEL.get(r['strategy'], r['strategy'])}, seed {r['seed']} | " +
                     " | ".join(fmt(r["best"][k - 1]) if len(r["best"]) >= k else "–" for k in MARKS) +
                     f" | ({fmt(first.get('x'), 3)}, {fmt(first.get('y'), 3)}) | "
                     f"{proposal_sources(r) if r['strategy'] in ('agent', 'agent-classic') else '–'} |")
    return lines if runs else []


def canonical_run(run, classic):
    """A run under its spec's current name (older files say `tpe`; a classic file's `agent`
    is `agent-classic`), and the key the run has in a results file of today."""
    strategy = ALIASES.get(run["strategy"], run["strategy"])
    if classic and strategy == "agent":
        strategy = "agent-classic"
    return dict(run, strategy=strategy), f"{strategy}-s{run['seed']}"


def merge(results, loaded, classic=False):
    """Adds one results file to the merged results: runs and specs by key, the rest replaced."""
    for study, r in loaded.items():
        mine = results.setdefault(study, {})
        for key, value in r.items():
            if key == "runs":
                for run in value.values():
                    run, name = canonical_run(run, classic)
                    mine.setdefault("runs", {})[name] = run
            elif key == "specs":
                mine.setdefault("specs", {}).update(value)
            else:
                mine[key] = value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="+", help="results files of bench/compare.py, merged")
    ap.add_argument("--docs", default=os.path.join(ROOT, "docs", "benchmarks"))
    ap.add_argument("--classic-agent", action="append", default=[], metavar="FILE",
                    help="a results file from before the hybrid agent: its `agent` runs are read as "
                         "`agent-classic` (read before the other files, which win on the same run)")
    ap.add_argument("--doc", help="the page to update (default: benchmarks.md beside the --docs folder)")
    ap.add_argument("--block", default="results",
                    help="the marked part of docs/benchmarks.md to replace (<!-- BLOCK:begin -->)")
    args = ap.parse_args()
    results = {}
    for path in args.classic_agent + args.results:
        with open(path, encoding="utf-8") as f:
            merge(results, json.load(f), classic=path in args.classic_agent)
    os.makedirs(args.docs, exist_ok=True)
    doc = args.doc or os.path.join(os.path.dirname(args.docs.rstrip("/")), "benchmarks.md")
    # Figures are linked relative to the page that shows them.
    link = os.path.relpath(os.path.abspath(args.docs), os.path.dirname(os.path.abspath(doc)))
    info = task_info()
    studies = sorted(s for s in results if not s.startswith("_") and s != "convex_2d")
    lines = []
    present = [s for s in ORDER if s not in ABLATION_ONLY and
               any(s in by_strategy(results[t].get("runs", {})) for t in studies)]
    head = "| task (data) | metric | trial | " + " | ".join(LABEL[s] for s in present) + " | human |"
    lines += [head, "|" + "---|" * (4 + len(present))]
    wins = {s: {k: 0 for k in MARKS} for s in present}
    tokens = []
    for study in studies:
        groups = by_strategy(results[study].get("runs", {}))
        any_run = next(iter(results[study]["runs"].values()))
        maximize = any_run["maximize"]
        folder, meta = info.get(study, (study, {}))
        metric = meta.get("metric") or any_run.get("metric", "")
        human = results[study].get("human", {}).get("best")
        title = f'{meta.get("paper_task", study)} ({meta.get("dataset", folder)})'
        for i, k in enumerate(MARKS):
            row = [f"{meta.get('paper_task', study)} ({folder})" if i == 0 else "",
                   (metric + (" ↑" if maximize else " ↓")) if i == 0 else "", str(k)]
            w = winner_marks(groups, k, maximize)
            for s in present:
                c = cell(groups.get(s, []), k) if s in groups else "–"
                row.append(f"**{c}**" if s == w else c)
                if s == w:
                    wins[s][k] += 1
            row.append(fmt(human) if (human is not None and i == 0) else "")
            lines.append("| " + " | ".join(row) + " |")
        svg = svg_plot(study, groups, human, maximize, metric or "metric", title)
        if svg:
            with open(os.path.join(args.docs, f"{folder}.svg"), "w", encoding="utf-8") as f:
                f.write(svg)
        for r in groups.get("agent", []):
            tokens.append((study, r["seed"], r["prompt_tokens"], r["completion_tokens"], r["llm_calls"],
                           r["llm_seconds"], r["train_seconds"], r["wall_seconds"], proposal_sources(r)))
    plots = []
    for study in studies:
        folder = info.get(study, (study, {}))[0]
        if os.path.exists(os.path.join(args.docs, f"{folder}.svg")):
            plots.append(f"![best-so-far, {folder}]({link}/{folder}.svg)")
    lines.append("")
    lines.append("Wins (best mean at the mark, ties to the first column): " + "; ".join(
        f"{LABEL[s]}: " + ", ".join(f"trial {k}: {wins[s][k]}" for k in MARKS) for s in present))
    head_line = headline(results, studies)
    if head_line:
        lines += ["", head_line]
    if tokens:
        lines += ["", "| task | seed | prompt tokens | completion tokens | LLM calls | LLM s | training s | wall s "
                      "| proposals: LLM / nudged / random |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for t in tokens:
            lines.append("| " + " | ".join(str(v) for v in t) + " |")
        tot = [sum(t[i] for t in tokens) for i in range(2, 8)]
        lines.append(f"| all {len(tokens)} agent studies | | {tot[0]} | {tot[1]} | {tot[2]} | "
                     f"{tot[3]:.0f} | {tot[4]:.0f} | {tot[5]:.0f} | |")
        per = (tot[0] + tot[1]) / len(tokens)
        lines.append("")
        lines.append(f"Mean tokens per 10-trial agent study: {per:,.0f} (the paper's GPT-4 agent: "
                     "about 281K per task).")
    tasks = {study: by_strategy(results[study].get("runs", {})) for study in studies}
    lines += [""] + rank_lines(tasks, present)
    lines += [""] + paired_lines(tasks, info)
    lines += [""] + ablation_lines(tasks, info)
    lines += [""] + versions_lines(results)
    figures = report_plots.render(tasks, present, info, args.docs, LABEL, COLOUR, PAIRS) if report_plots else []
    lines += [""] + [f"![{alt}]({link}/{name})" for name, alt in figures]
    if plots:
        lines += [""] + plots
    conv = convex_svg(results)
    if conv:
        with open(os.path.join(args.docs, "convex-2d.svg"), "w", encoding="utf-8") as f:
            f.write(conv)
    with open(os.path.join(args.docs, f"{args.block}.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")
    replace_block(doc, args.block, lines)
    replace_block(doc, "datasets", dataset_lines())
    if convex_lines(results):
        replace_block(doc, "convex", convex_lines(results))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
