"""A proposer for the runner's external strategy (docs/strategies.md): walks a
fixed grid of study a's space, checking the request it is given on the way.
Exits 3 when asked with HPOC_E2E_PROPOSER_FAIL set."""
import json
import os
import sys

req = json.load(sys.stdin)
if os.environ.get("HPOC_E2E_PROPOSER_FAIL"):
    print("grid proposer: failing on purpose", file=sys.stderr)
    sys.exit(3)
names = [p["name"] for p in req["space"]]
assert names == ["x", "y"], names
assert req["space"][0]["kind"] == "float" and req["space"][1]["range"] == [1, 5], req["space"]
assert len(req["history"]) == req["first"] - 1, (len(req["history"]), req["first"])
assert req["goal"] == {"metric": "score", "maximize": True}, req["goal"]
proposals = []
for k in range(req["first"], req["first"] + req["count"]):
    proposals.append({"config": {"x": round(0.1 * k, 3), "y": 1 + k % 5},
                      "rationale": f"grid point {k} (seed {req['seed']})"})
print(json.dumps({"proposals": proposals}))
