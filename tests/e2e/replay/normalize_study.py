#!/usr/bin/env python3
"""Prints a study's journal or report with what legitimately differs between a
run and its replay masked, so two runs of the same trials compare equal.

    normalize_study.py journal|report FILE

journal: drops each event's `time`, a result's `seconds` and `seal` (the seal
hashes the result, start time and duration included), and of each LLM exchange
`cached` and `seconds` (a replay answers from the cache at no cost); keeps
everything else, in order. report: replaces durations ("1.2 s", "3 min"), the cells of
a `time (s)` column, and the LLM usage line, which counts this run's calls.
"""
import json
import re
import sys


def journal(path):
    for line in open(path, encoding="utf-8"):
        e = json.loads(line)
        e.pop("time", None)
        if e.get("event") in ("finished", "run"):
            e.pop("seconds", None)
            e.pop("seal", None)
        for x in e.get("details", {}).get("llm", []) if isinstance(e.get("details"), dict) else []:
            x.pop("cached", None)
            x.pop("seconds", None)
        print(json.dumps(e, sort_keys=True))


def mask_time_columns(lines):
    """Blanks the cells of table columns headed `time (s)`."""
    columns = []
    for line in lines:
        cells = line.split("|")
        if line.startswith("|") and any(c.strip() == "time (s)" for c in cells):
            columns = [i for i, c in enumerate(cells) if c.strip() == "time (s)"]
        elif not line.startswith("|"):
            columns = []
        elif columns and not set(line) <= set("|-: "):
            cells = [" <time> " if i in columns else c for i, c in enumerate(cells)]
            line = "|".join(cells)
        yield line


def report(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\b\d+(\.\d+)?\s?(ms|s|min|h)\b", "<duration>", text)
    text = re.sub(r"(?m)^.*\bLLM\b.*\bcalls?\b.*$", "<llm usage>", text)
    print("\n".join(mask_time_columns(text.split("\n"))))


if __name__ == "__main__":
    {"journal": journal, "report": report}[sys.argv[1]](sys.argv[2])
