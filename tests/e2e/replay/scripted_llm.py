#!/usr/bin/env python3
"""A scripted OpenAI-compatible chat server for the replay tests.

    scripted_llm.py PORT_FILE LOG_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE) and answers
POST /v1/chat/completions by the request's answer schema: a configuration for
"proposal" (drawn from a hash of the prompt, so the same prompt gets the same
answer; trial 2 takes every range's upper end), as many for "warm_start" (trials
from the prompt's first one on, drawn the same way), option A for "choice", a
verdict for "analysis", a summary for "report". Each request's purpose is appended to LOG_FILE.
"""
import hashlib
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def draw(seed_text, props, trial):
    h = hashlib.sha256(seed_text.encode()).digest()
    config = {}
    for i, (name, s) in enumerate(sorted(props.items())):
        u = h[i % len(h)] / 255.0
        if "enum" in s:
            config[name] = s["enum"][h[i % len(h)] % len(s["enum"])]
        elif s.get("type") == "integer":
            lo, hi = s["minimum"], s["maximum"]
            config[name] = hi if trial == 2 else lo + int(u * (hi - lo - 1 + 0.999))
        else:
            lo, hi = s["minimum"], s["maximum"]
            config[name] = hi if trial == 2 else round(lo + u * (hi - lo), 3)
    return config


def answer(body):
    schema = body.get("response_format", {}).get("json_schema", {})
    name = schema.get("name", "")
    user = body["messages"][-1]["content"]
    if name == "proposal":
        m = re.search(r"Propose trial (\d+) of", body["messages"][1]["content"])
        trial = int(m.group(1)) if m else 0
        props = schema["schema"]["properties"]["config"]["properties"]
        config = draw(user, props, trial)
        return name, {"rationale": f"a scripted draw for trial {trial}", "config": config}
    if name == "warm_start":
        m = re.search(r"for trials (\d+)", user)
        first = int(m.group(1)) if m else 1
        items = schema["schema"]["properties"]["proposals"]
        props = items["items"]["properties"]["config"]["properties"]
        return name, {"proposals": [
            {"rationale": f"A scripted draw for trial {first + i}.",
             "config": draw(user + str(i), props, first + i)}
            for i in range(items["minItems"])]}
    if name == "choice":
        return name, {"rationale": "Option A is TPE's best.", "choice": "A"}
    if name == "analysis":
        failed = "not supported" in user
        return name, {"verdict": "failed" if failed else "converged",
                      "analysis": "the trainer refused y" if failed else "the score rose each epoch"}
    if name == "report":
        params = schema["schema"]["properties"]["influence"]["items"]["properties"]["parameter"]["enum"]
        return name, {"summary": "x near 0.3 and adam scored best.",
                      "influence": [{"parameter": p, "effect": "see the table"} for p in params],
                      "next": ["narrow x around 0.3"]}
    return name or "unknown", {}


class Handler(BaseHTTPRequestHandler):
    log_file = None

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        purpose, content = answer(body)
        with open(self.log_file, "a") as log:
            log.write(purpose + "\n")
        reply = json.dumps({
            "id": "scripted", "object": "chat.completion", "model": body.get("model", "scripted"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(content)}}],
            "usage": {"prompt_tokens": len(json.dumps(body)) // 4, "completion_tokens": 20},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def main():
    port_file, Handler.log_file = sys.argv[1], sys.argv[2]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
