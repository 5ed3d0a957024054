#!/usr/bin/env python3
"""Proves that a llama-server build runs on this CPU: starts it on a model,
generates a few tokens, and reports prompt and generation speed.

    llm-smoke.py SERVER MODEL [--log FILE] [--threads N] [--runs N] [--tokens N]

Prints one line: `ok: prompt P tokens/s, generation G tokens/s, CPU backend B`
and exits 0; or says why it failed (the signal that killed the server, the
tail of its log) and exits 1. The bootstrap runs it after every build and
whenever a cached build meets a CPU it has not run on.
"""
import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# About 250 tokens, so that the prompt rate means something.
PROMPT = ("Hyperparameter optimisation searches a space of training settings, such as the "
          "learning rate, the batch size, the depth of a tree or the strength of a penalty, "
          "for the configuration whose trained model scores best on held-out data. ") * 5 + \
         "In one sentence, name the setting that usually matters most:"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe_exit(code):
    if code is None:
        return "is still running"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        meaning = {"SIGILL": "illegal instruction: built for a CPU feature this one lacks",
                   "SIGSEGV": "segmentation fault", "SIGBUS": "bus error",
                   "SIGKILL": "killed, perhaps out of memory"}.get(name)
        return "was killed by %s%s" % (name, " (%s)" % meaning if meaning else "")
    return "exited with status %d" % code


def tail(path, lines=12):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 4096))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join("    | " + l for l in text.strip().splitlines()[-lines:])


def cpu_backend(pid):
    """The CPU variant a GGML_BACKEND_DL build loaded: the libggml-cpu-*.so the
    running server has mapped."""
    try:
        with open("/proc/%d/maps" % pid, encoding="utf-8", errors="replace") as f:
            for line in f:
                name = os.path.basename(line.strip().split()[-1]) if line.strip() else ""
                if name.startswith("libggml-cpu-") and name.endswith(".so"):
                    return name[len("libggml-cpu-"):-len(".so")]
    except OSError:
        pass
    return "built in"


def post(url, body, timeout):
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.load(r)


def fail(why, log):
    print("failed: llama-server %s; log %s:\n%s" % (why, log, tail(log)))
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("server")
    ap.add_argument("model")
    ap.add_argument("--log", default="")
    ap.add_argument("--threads", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--tokens", type=int, default=16)
    ap.add_argument("--startup", type=float, default=180.0)
    a = ap.parse_args()
    log = a.log or os.path.join(tempfile.gettempdir(), "hpoc-llm-smoke-%d.log" % os.getpid())
    port = free_port()
    argv = [a.server, "-m", a.model, "--host", "127.0.0.1", "--port", str(port),
            "-c", "2048", "-np", "1", "-t", str(a.threads)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                start_new_session=True)
    try:
        base = "http://127.0.0.1:%d" % port
        deadline = time.monotonic() + a.startup
        while True:
            if proc.poll() is not None:
                fail(describe_exit(proc.returncode) + " while loading the model", log)
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                fail("was not ready after %d s" % a.startup, log)
            time.sleep(0.2)
        backend = cpu_backend(proc.pid)
        prompt_rates, gen_rates = [], []
        for _ in range(a.runs):
            try:
                r = post(base + "/completion", {"prompt": PROMPT, "n_predict": a.tokens,
                                                "temperature": 0, "cache_prompt": False,
                                                "seed": 1}, timeout=300)
            except (urllib.error.URLError, OSError) as e:
                time.sleep(0.5)
                fail(describe_exit(proc.poll()) + " during generation (%s)" % e, log)
            t = r.get("timings", {})
            if r.get("tokens_predicted", t.get("predicted_n", 0)) < 1:
                fail("generated no token: %s" % json.dumps(r)[:300], log)
            prompt_rates.append(float(t.get("prompt_per_second", 0)))
            gen_rates.append(float(t.get("predicted_per_second", 0)))
        print("ok: prompt %.1f tokens/s, generation %.1f tokens/s, CPU backend %s"
              % (statistics.median(prompt_rates), statistics.median(gen_rates), backend))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


if __name__ == "__main__":
    main()
