"""hpoc's trainer protocol for Python trainers (docs/trainer-protocol.md).

    import hpoc_trainer as hp
    args = hp.parse_args()                 # --config, --metrics (or HPOC_CONFIG, HPOC_METRICS)
    config = hp.load_config(args.config)   # {"lr": 0.01, "layers": 3, "opt": "adam"}
    with hp.Metrics(args.metrics) as m:
        for epoch in range(1, n + 1):
            m.log(epoch=epoch, train_loss=loss, val_acc=acc)
        m.final(val_acc=best)

Exit with hp.EXIT_INVALID_CONFIG (2) when the configuration cannot be used and
hp.EXIT_DIVERGED (3) when training blew up; any other non-zero code is a failure.
Standard library only.
"""
import argparse
import difflib
import json
import math
import os

EXIT_INVALID_CONFIG = 2
EXIT_DIVERGED = 3


def parse_args(argv=None):
    """--config and --metrics; unknown arguments are left for the trainer."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--config", default=os.environ.get("HPOC_CONFIG"))
    p.add_argument("--metrics", default=os.environ.get("HPOC_METRICS"))
    args, _ = p.parse_known_args(argv)
    return args


def _scalar(text):
    text = text.strip()
    if text in ("true", "false"):
        return text == "true"
    try:
        return json.loads(text)
    except ValueError:
        return text


class UnknownParameter(KeyError):
    """A trainer asked the config for a name the study does not give this trial.

    A KeyError still, so `except KeyError` keeps working; its message names the
    parameters the trial has and the one the name was likely meant to be.
    """

    def __init__(self, name, known):
        self.name = name
        self.known = sorted(known)
        close = difflib.get_close_matches(str(name), self.known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listed = ", ".join(self.known) if self.known else "none"
        super().__init__(
            f"the trial's config has no parameter '{name}'{hint} (its parameters: {listed}; "
            "a parameter whose 'when' condition does not hold is left out)")

    def __str__(self):
        return self.args[0]


class Config(dict):
    """A trial's configuration: a dict whose missing keys raise UnknownParameter."""

    def __missing__(self, name):
        raise UnknownParameter(name, self.keys())


def load_config(path):
    """The trial's configuration as a dict (a Config): JSON, or the flat YAML hpoc
    writes. Reading a name the trial does not have raises UnknownParameter, which
    names the study's parameters and the closest one."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        return Config(json.loads(text))
    config = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or ":" not in line:
            continue
        key, value = line.split(":", 1)
        key = key.strip()
        if key.startswith('"'):  # a key YAML would misread bare, such as "on"
            key = json.loads(key)
        config[key] = _scalar(value)
    return Config(config)


def _number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v if not v.is_integer() or abs(v) >= 1e15 else int(v)


class Metrics:
    """Writes one JSON line per call, flushed, so a killed trainer leaves whole lines."""

    def __init__(self, path):
        self._file = open(path, "w", encoding="utf-8") if path else None

    def log(self, **metrics):
        """One step or epoch: m.log(epoch=3, train_loss=0.4, val_acc=0.91)."""
        self._write(metrics)

    def final(self, **metrics):
        """The trial's result; write it last."""
        self._write(dict(final=True, **metrics))

    def _write(self, metrics):
        if not self._file:
            return
        line = {k: (v if isinstance(v, (bool, str)) else _number(v)) for k, v in metrics.items()}
        self._file.write(json.dumps(line) + "\n")
        self._file.flush()

    def close(self):
        if self._file:
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
