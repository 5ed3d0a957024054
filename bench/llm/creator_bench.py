#!/usr/bin/env python3
"""Measures local models on a typical Creator request.

For each model: starts llama-server with the flags the runtime uses (LocalServer),
sends N schema-constrained proposal requests (about 1,500 prompt tokens: the four parts
of the method plus a history of trials; answer about 200 tokens), and reports prompt and
generation speed, latency, resident memory and the share of answers that are valid JSON
matching the schema with every value in range. Standard library only.

    python3 bench/llm/creator_bench.py [--requests 10] [--json out.json] MODEL.gguf...

Only loopback traffic: the server listens on 127.0.0.1 and stops when the run ends.
"""
import argparse
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

CACHE = os.environ.get("HPOC_CACHE_DIR", os.path.expanduser("~/.cache/hpoc"))
DEFAULT_SERVER = os.path.join(CACHE, "llama.cpp", "build", "bin", "llama-server")

# The search space of a small image classifier (the AgentHPO ResNet/CIFAR-10 task).
SPACE = {
    "learning_rate": {"type": "float", "low": 1e-5, "high": 1e-1, "log": True,
                      "desc": "initial learning rate of the optimiser"},
    "batch_size": {"type": "choice", "values": [16, 32, 64, 128, 256],
                   "desc": "mini-batch size"},
    "optimizer": {"type": "choice", "values": ["sgd", "adam", "adamw"],
                  "desc": "optimisation algorithm"},
    "momentum": {"type": "float", "low": 0.5, "high": 0.99, "log": False,
                 "desc": "momentum, used only when optimizer is sgd"},
    "weight_decay": {"type": "float", "low": 1e-6, "high": 1e-2, "log": True,
                     "desc": "L2 penalty"},
    "dropout": {"type": "float", "low": 0.0, "high": 0.5, "log": False,
                "desc": "dropout before the classifier head"},
    "epochs": {"type": "int", "low": 5, "high": 50, "log": False,
               "desc": "training epochs"},
    "warmup_epochs": {"type": "int", "low": 0, "high": 5, "log": False,
                      "desc": "linear learning-rate warm-up epochs"},
}


RATIONALE_MAX_CHARS = 400


def number_text(v):
    """A float as the prompt shows it: 3 significant digits and no leading zero in the
    exponent. llama-server's JSON grammar accepts only 0 or [1-9][0-9]* after 'e-', so a
    model that copies Python's '1.2e-05' from its prompt is cut to '1.2e-0' = 1.2."""
    text = f"{v:.3g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def config_text(cfg):
    parts = []
    for k in sorted(cfg):
        v = cfg[k]
        parts.append(f'"{k}": ' + (number_text(v) if isinstance(v, float) else json.dumps(v)))
    return "{" + ", ".join(parts) + "}"


def schema():
    props = {}
    for name, p in SPACE.items():
        if p["type"] == "choice":
            props[name] = {"enum": p["values"]}
        elif p["type"] == "int":
            props[name] = {"type": "integer", "minimum": p["low"], "maximum": p["high"]}
        else:
            props[name] = {"type": "number", "minimum": p["low"], "maximum": p["high"]}
    return {
        "type": "object",
        "properties": {
            "config": {"type": "object", "properties": props,
                       "required": list(SPACE), "additionalProperties": False},
            # Bounded so that a rambling model cannot run into max_tokens; llama-server
            # turns maxLength into the grammar.
            "rationale": {"type": "string", "maxLength": RATIONALE_MAX_CHARS},
        },
        "required": ["config", "rationale"],
        "additionalProperties": False,
    }


def sample_config(rng):
    cfg = {}
    for name, p in SPACE.items():
        if p["type"] == "choice":
            cfg[name] = rng.choice(p["values"])
        elif p["type"] == "int":
            cfg[name] = rng.randint(p["low"], p["high"])
        elif p["log"]:
            cfg[name] = float(number_text(math.exp(rng.uniform(math.log(p['low']), math.log(p['high'])))))
        else:
            cfg[name] = round(rng.uniform(p["low"], p["high"]), 3)
    return cfg


def history(rng, n):
    lines = []
    for i in range(n):
        cfg = sample_config(rng)
        lr = cfg["learning_rate"]
        acc = 0.92 - 0.08 * abs(math.log10(lr) + 2.5) - 0.1 * cfg["dropout"] + rng.uniform(-0.03, 0.03)
        acc = max(0.1, min(0.95, acc))
        notes = "diverged in epoch 2" if lr > 0.05 and cfg["optimizer"] != "sgd" else (
            "val loss rose after epoch 12: overfitting" if cfg["dropout"] < 0.1 else "smooth convergence")
        lines.append(f"trial {i + 1}: config={config_text(cfg)} -> "
                     f"val_accuracy={acc:.4f}, train_loss={rng.uniform(0.05, 1.2):.3f}, "
                     f"time={rng.randint(40, 400)}s; analysis: {notes}")
    return "\n".join(lines)


def messages(rng, n_history):
    space = "\n".join(
        f"- {n}: " + (f"one of {p['values']}" if p["type"] == "choice" else
                      f"{p['type']} in [{number_text(float(p['low']))}, {number_text(float(p['high']))}]" + (" (log scale)" if p["log"] else ""))
        + f"; {p['desc']}" for n, p in SPACE.items())
    system = ("You are the Creator in a hyperparameter optimisation study. You read a task, a "
              "search space and the history of trials, and you propose the next configuration "
              "to train. Every value must lie inside its range. Explain your choice in one or "
              "two sentences. Answer with one JSON object: {\"config\": {...}, \"rationale\": \"...\"}.")
    user = f"""## Hyperparameter information
{space}

## Dataset information
CIFAR-10: 50,000 training and 10,000 test colour images of 32x32 pixels in 10 balanced classes
(airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck). Pixel values are
normalised per channel; training uses random crops with 4 pixels of padding and horizontal flips.
A held-out 5,000-image validation split is taken from the training set.

## Optimisation goal
Maximise val_accuracy on the validation split. Budget: 20 trials; each trial must finish within
10 minutes on one GPU. Prefer configurations that are stable across seeds.

## Model information
ResNet-18 adapted to 32x32 inputs (3x3 stem, no max-pooling), 11.2 M parameters, batch
normalisation after every convolution, global average pooling and a linear classifier head
with dropout. Cosine learning-rate schedule after the warm-up.

## History of trials
{history(rng, n_history)}

Propose the next configuration, different from every configuration above."""
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def in_range(cfg):
    if not isinstance(cfg, dict) or set(cfg) != set(SPACE):
        return False
    for name, p in SPACE.items():
        v = cfg[name]
        if p["type"] == "choice":
            if v not in p["values"]:
                return False
        elif p["type"] == "int":
            if not isinstance(v, int) or isinstance(v, bool) or not p["low"] <= v <= p["high"]:
                return False
        else:
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not p["low"] <= v <= p["high"]:
                return False
    return True


def check_answer(text):
    """Returns (valid_json_matching_schema, all_values_in_range)."""
    try:
        obj = json.loads(text)
    except (ValueError, TypeError):
        return False, False
    ok = (isinstance(obj, dict) and set(obj) == {"config", "rationale"}
          and isinstance(obj["rationale"], str) and obj["rationale"].strip() != ""
          and len(obj["rationale"]) <= RATIONALE_MAX_CHARS
          and isinstance(obj["config"], dict) and set(obj["config"]) == set(SPACE))
    return ok, ok and in_range(obj["config"])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def post(url, body, timeout):
    req = urllib.request.Request(url, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def bench_model(server, model, n, threads, ctx, log_dir):
    port = free_port()
    name = os.path.basename(model).removesuffix(".gguf")
    log = open(os.path.join(log_dir, f"{name}.server.log"), "w")
    proc = subprocess.Popen([server, "-m", model, "--host", "127.0.0.1", "--port", str(port),
                             "-c", str(ctx), "-t", str(threads), "-np", "1"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.time()
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"llama-server exited with {proc.returncode}, see {log.name}")
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.time() - t0 > 120:
                raise RuntimeError("llama-server did not become healthy in 120 s")
            time.sleep(0.2)
        startup = time.time() - t0
        rows = []
        for i in range(n):
            rng = random.Random(1000 + i)
            body = {"model": name, "messages": messages(rng, 8 + i % 3), "temperature": 0.7,
                    "seed": i, "max_tokens": 400,
                    "response_format": {"type": "json_schema", "json_schema": {
                        "name": "proposal", "strict": True, "schema": schema()}}}
            t = time.time()
            resp = post(base + "/v1/chat/completions", body, timeout=600)
            wall = time.time() - t
            choice = resp["choices"][0]
            valid, ranged = check_answer(choice["message"].get("content"))
            if choice.get("finish_reason") != "stop":
                valid = ranged = False
            tm = resp.get("timings", {})
            rows.append({"wall_s": wall, "prompt_n": tm.get("prompt_n"),
                         "cached_n": tm.get("cache_n", 0),
                         "prompt_tps": tm.get("prompt_per_second"),
                         "gen_n": tm.get("predicted_n"), "gen_tps": tm.get("predicted_per_second"),
                         "valid": valid, "in_range": ranged,
                         "finish": choice.get("finish_reason"),
                         "answer": choice["message"].get("content")})
            print(f"  {name} #{i + 1}: {wall:.1f}s prompt={tm.get('prompt_n')}"
                  f"(+{tm.get('cache_n', 0)} cached) gen={tm.get('predicted_n')} "
                  f"valid={valid} in_range={ranged}", file=sys.stderr)
        mem = rss_kib(proc.pid)
        load = open("/proc/loadavg").read().split()[0]
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        log.close()

    def mean(key, subset=rows):
        vals = [r[key] for r in subset if r[key] is not None]
        return sum(vals) / len(vals) if vals else float("nan")

    # The first request pays for the whole prompt; later ones reuse the common prefix.
    return {"model": name, "size_mib": os.path.getsize(model) / 2**20, "startup_s": startup,
            "requests": n, "prompt_tokens": mean("prompt_n") + mean("cached_n"),
            "prompt_tps": rows[0]["prompt_tps"], "gen_tps": mean("gen_tps"),
            "gen_tokens": mean("gen_n"), "latency_first_s": rows[0]["wall_s"],
            "latency_mean_s": mean("wall_s"),
            "valid": sum(r["valid"] for r in rows), "in_range": sum(r["in_range"] for r in rows),
            "rss_mib": mem.get("VmHWM", 0) / 1024, "loadavg_end": float(load), "rows": rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="+")
    ap.add_argument("--server", default=DEFAULT_SERVER)
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--json", help="write every answer and timing here")
    ap.add_argument("--log-dir", default="/tmp")
    args = ap.parse_args()
    # Turn SIGTERM into an exception so the server is stopped by the finally clause.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = [bench_model(args.server, m, args.requests, args.threads, args.ctx, args.log_dir)
               for m in args.models]
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    print("| model | file MiB | prompt tok | prompt tok/s | gen tok | gen tok/s | "
          "first request s | mean request s | valid JSON | valid + in range | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['model']} | {r['size_mib']:.0f} | {r['prompt_tokens']:.0f} | "
              f"{r['prompt_tps']:.1f} | {r['gen_tokens']:.0f} | {r['gen_tps']:.1f} | "
              f"{r['latency_first_s']:.1f} | {r['latency_mean_s']:.1f} | "
              f"{r['valid']}/{r['requests']} | {r['in_range']}/{r['requests']} | {r['rss_mib']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
