#!/usr/bin/env python3
"""Counts how the LLM's explanations fared in study journals.

    bench/explanations.py JOURNAL.jsonl...

Every LLM rationale and analysis is checked before it is shown
(runtime/agent/explanation_check.cpp) and the outcome journaled as
details.explanation_check. Prints, for rationales and for analyses: how many
were checked, how many were well-formed (not refused as empty, cut off,
unbalanced or template residue) and how many also factually correct (not
refused as citing a trial or a metric value the journal does not hold, or as a
copy), before the
check (the LLM's text) and after it (the text shown, the computed statement in
place of a refused one), and the refusals by rule.
"""
import collections
import json
import sys

FORM = {"empty", "cut-off", "unbalanced", "residue"}


def main(paths):
    kinds = {"proposed": "rationales", "note": "analyses"}
    checked = collections.Counter()
    form_ok = collections.Counter()
    fact_ok = collections.Counter()
    rules = collections.defaultdict(collections.Counter)
    for path in paths:
        for line in open(path, encoding="utf-8"):
            e = json.loads(line)
            kind = kinds.get(e.get("event"))
            check = (e.get("details") or {}).get("explanation_check")
            if not kind or not isinstance(check, dict):
                continue
            checked[kind] += 1
            rule = None if check.get("passed", True) else check.get("rule", "?")
            form_ok[kind] += rule not in FORM
            fact_ok[kind] += rule is None
            if rule:
                rules[kind][rule] += 1
    for kind in ("rationales", "analyses"):
        n = checked[kind]
        if not n:
            print(f"{kind}: none checked")
            continue
        print(f"{kind}: {n} checked; before: {form_ok[kind]} well-formed "
              f"({100 * form_ok[kind] / n:.0f}%), {fact_ok[kind]} well-formed and factually "
              f"correct ({100 * fact_ok[kind] / n:.0f}%); after: {n} of {n} pass "
              f"(refused ones replaced by computed statements)")
        if rules[kind]:
            print("  refused: " + ", ".join(f"{r} {c}" for r, c in rules[kind].most_common()))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
