#!/usr/bin/env python3
"""Prints what a GGUF file says about itself: architecture, name, size, licence,
quantisation, parameter count (summed over tensor shapes), context length and
whether it carries a chat template. Standard library only.

    python3 bench/llm/gguf_info.py MODEL.gguf [--template]
"""
import struct
import sys

# GGUF metadata value types.
SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
STRING, ARRAY = 8, 9
FILE_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
              10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S",
              15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 32: "BF16"}


class Reader:
    def __init__(self, f):
        self.f = f

    def unpack(self, fmt):
        size = struct.calcsize("<" + fmt)
        return struct.unpack("<" + fmt, self.f.read(size))[0]

    def string(self):
        n = self.unpack("Q")
        return self.f.read(n).decode("utf-8", "replace")

    def value(self, vtype, keep=True):
        if vtype in SCALARS:
            return self.unpack(SCALARS[vtype])
        if vtype == STRING:
            return self.string()
        if vtype == ARRAY:
            etype, n = self.unpack("I"), self.unpack("Q")
            items = [self.value(etype, keep) for _ in range(n)]
            return items if keep and n <= 16 else f"[{n} items]"
        raise ValueError(f"unknown GGUF value type {vtype}")


def read_header(path):
    with open(path, "rb") as f:
        if f.read(4) != b"GGUF":
            raise ValueError(f"{path}: not a GGUF file (bad magic)")
        r = Reader(f)
        version, n_tensors, n_kv = r.unpack("I"), r.unpack("Q"), r.unpack("Q")
        meta = {}
        for _ in range(n_kv):
            key = r.string()
            meta[key] = r.value(r.unpack("I"))
        params = 0
        for _ in range(n_tensors):
            r.string()
            dims = [r.unpack("Q") for _ in range(r.unpack("I"))]
            r.unpack("I")  # tensor type
            r.unpack("Q")  # offset
            count = 1
            for d in dims:
                count *= d
            params += count
    return version, n_tensors, meta, params


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    version, n_tensors, meta, params = read_header(argv[1])
    arch = meta.get("general.architecture", "?")
    template = meta.get("tokenizer.chat_template")
    rows = [
        ("gguf version", version),
        ("architecture", arch),
        ("name", meta.get("general.name", "?")),
        ("basename", meta.get("general.basename", "?")),
        ("finetune", meta.get("general.finetune", "?")),
        ("size label", meta.get("general.size_label", "?")),
        ("license", meta.get("general.license", meta.get("general.license.name", "?"))),
        ("file type", FILE_TYPES.get(meta.get("general.file_type"), meta.get("general.file_type", "?"))),
        ("parameters", f"{params:,} in {n_tensors} tensors"),
        ("context length", meta.get(f"{arch}.context_length", "?")),
        ("chat template", f"{len(template)} chars" if template else "none"),
    ]
    for key, value in rows:
        print(f"{key:15} {value}")
    if "--template" in argv and template:
        print(template)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
