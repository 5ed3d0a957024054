#!/usr/bin/env python3
"""Reads a Python trainer's hyperparameters for hpoc, with Python's own `ast`.

    python3 python_trainer_reader.py train.py  ->  one JSON document on stdout

The trainer is parsed, never run. Its hyperparameters are the options of its
argparse parser (`add_argument("--lr", type=float, default=1e-3, help="...")`),
or, when it has none, the fields of a dataclass (`lr: float = 1e-3` with a
docstring or a `#` comment). hpoc's own options (--config, --metrics) are left
out. The document holds "struct" (what was read, or null), "fields" and
"messages" (errors and notes with 1-based line and column in bytes, and a byte
offset), which the driver reports as it does for a C++ trainer
(docs/trainer-reader.md). Exit 0 whenever a document was written.
"""
import ast
import json
import sys

PROTOCOL_OPTIONS = {"config", "metrics"}
SCALAR_TYPES = {"float": "floating", "int": "integer", "bool": "bool", "str": "string"}


class Source:
    """The trainer's bytes, to turn ast's (line, byte column) into offsets."""

    def __init__(self, data):
        self.data = data
        self.line_starts = [0]
        for i, b in enumerate(data):
            if b == 0x0A:
                self.line_starts.append(i + 1)

    def loc(self, line, col, length):
        offset = self.line_starts[line - 1] + col if 0 < line <= len(self.line_starts) else 0
        return {"line": line, "column": col + 1, "offset": offset, "length": length}

    def text(self, node):
        start = self.loc(node.lineno, node.col_offset, 0)["offset"]
        end = self.loc(node.end_lineno, node.end_col_offset, 0)["offset"]
        return self.data[start:end].decode("utf-8", "replace")

    def comment_after(self, node):
        """The `# ...` comment that ends the node's last line, if any."""
        line = node.end_lineno
        start = self.line_starts[line - 1] + node.end_col_offset
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.data)
        rest = self.data[start:end].decode("utf-8", "replace").strip()
        return rest[1:].strip() if rest.startswith("#") else ""


def literal(node):
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def default_of(src, node):
    """{"text", "value"?} for a default expression; "value" only for literals."""
    if node is None:
        return None
    out = {"text": src.text(node)}
    ok, value = literal(node)
    if ok and isinstance(value, (bool, int, float, str)):
        out["value"] = value
    return out


def kind_of_value(value):
    for t, kind in (("bool", "bool"), ("int", "integer"), ("float", "floating"), ("str", "string")):
        if type(value).__name__ == t:
            return t, kind
    return None, None


def field(src, name, name_node, type_name, kind, default, doc, choices=None):
    one_line = name_node.end_lineno == name_node.lineno
    length = name_node.end_col_offset - name_node.col_offset if one_line else len(name)
    loc = src.loc(name_node.lineno, name_node.col_offset, length)
    f = {"name": name, "type": type_name, "kind": kind, "doc": " ".join((doc or "").split())}
    f.update(loc)
    if default is not None:
        f["default"] = default
    if choices is not None:
        f["choices"] = choices
    return f


def keyword(call, name):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return None


def argparse_field(src, call):
    """The field an `add_argument(...)` call declares, or None for a positional
    argument or one of hpoc's own options."""
    flags = [a for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    longs = [a for a in flags if a.value.startswith("--")]
    if not flags or not flags[0].value.startswith("-"):
        return None
    name_node = longs[0] if longs else flags[0]
    dest_node = keyword(call, "dest")
    if isinstance(dest_node, ast.Constant) and isinstance(dest_node.value, str):
        name = dest_node.value
    else:
        name = name_node.value.lstrip("-").replace("-", "_")
    if name in PROTOCOL_OPTIONS:
        return None
    action = keyword(call, "action")
    action = action.value if isinstance(action, ast.Constant) else None
    default = default_of(src, keyword(call, "default"))
    type_node = keyword(call, "type")
    if action in ("store_true", "store_false"):
        type_name, kind = "bool", "bool"
        if default is None:
            default = {"text": str(action == "store_false"), "value": action == "store_false"}
    elif isinstance(type_node, ast.Name) and type_node.id in SCALAR_TYPES:
        type_name, kind = type_node.id, SCALAR_TYPES[type_node.id]
    elif type_node is not None:
        type_name, kind = src.text(type_node), "unsupported"
    elif default is not None and "value" in default:
        type_name, kind = kind_of_value(default["value"])
    else:
        type_name, kind = "str", "string"
    choices = None
    choices_node = keyword(call, "choices")
    if choices_node is not None:
        ok, values = literal(choices_node)
        if ok and isinstance(values, (list, tuple)) and all(isinstance(v, str) for v in values):
            choices, kind = [str(v) for v in values], "enum"
    help_node = keyword(call, "help")
    doc = help_node.value if isinstance(help_node, ast.Constant) and isinstance(help_node.value, str) else ""
    return field(src, name, name_node, type_name, kind, default, doc, choices)


def argparse_parser(src, tree):
    """The fields of every add_argument call (argparse parsers and their groups)."""
    fields = []
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "add_argument"]
    calls.sort(key=lambda n: (n.lineno, n.col_offset))
    for call in calls:
        f = argparse_field(src, call)
        if f:
            fields.append(f)
    if not calls:
        return None
    # The parser's construction, when it is in this file, stands for the whole.
    parsers = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and
               (getattr(n.func, "attr", None) or getattr(n.func, "id", None)) == "ArgumentParser"]
    at = min(parsers or calls, key=lambda n: (n.lineno, n.col_offset))
    struct = {"name": "argparse options", "doc": ""}
    struct.update(src.loc(at.lineno, at.col_offset, at.end_col_offset - at.col_offset
                          if at.end_lineno == at.lineno else 1))
    return struct, fields


def is_dataclass(cls):
    for d in cls.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "dataclass":
            return True
    return False


def annotation_kind(src, node):
    """(type name, kind, choices) of a field's annotation."""
    if isinstance(node, ast.Name) and node.id in SCALAR_TYPES:
        return node.id, SCALAR_TYPES[node.id], None
    if isinstance(node, ast.Subscript):
        base = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
        if base == "Literal":
            ok, values = literal(node.slice)
            values = values if isinstance(values, tuple) else (values,)
            if ok and all(isinstance(v, str) for v in values):
                return src.text(node), "enum", list(values)
    return src.text(node), "unsupported", None


def dataclass_fields(src, cls):
    fields = []
    body = cls.body
    for i, stmt in enumerate(body):
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        type_name, kind, choices = annotation_kind(src, stmt.annotation)
        value = stmt.value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) == "field":
            value = keyword(value, "default")
        doc = src.comment_after(stmt)
        nxt = body[i + 1] if i + 1 < len(body) else None
        if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant) and isinstance(nxt.value.value, str):
            doc = nxt.value.value
        fields.append(field(src, stmt.target.id, stmt.target, type_name, kind, default_of(src, value), doc, choices))
    return fields


def dataclass(src, tree):
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and is_dataclass(n)]
    if not classes:
        return None
    classes.sort(key=lambda n: (n.lineno, n.col_offset))
    # Several dataclasses: the one whose name says it holds hyperparameters.
    wanted = [c for c in classes if any(w in c.name.lower() for w in ("hparam", "hyper", "param", "config", "args"))]
    cls = (wanted or classes)[0]
    struct = {"name": "dataclass " + cls.name, "doc": " ".join((ast.get_docstring(cls) or "").split())}
    name_col = src.data[src.line_starts[cls.lineno - 1]:].find(cls.name.encode())
    struct.update(src.loc(cls.lineno, max(name_col, cls.col_offset), len(cls.name)))
    return struct, dataclass_fields(src, cls)


def read(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return {"struct": None, "fields": [], "messages": [
            {"severity": "error", "message": f"cannot read the trainer: {e.strerror.lower()}"}]}
    src = Source(data)
    try:
        tree = ast.parse(data, filename=path)
    except SyntaxError as e:
        msg = {"severity": "error", "message": f"the trainer is not valid Python: {e.msg}"}
        if e.lineno:
            msg.update(src.loc(e.lineno, max((e.offset or 1) - 1, 0), 1))
        return {"struct": None, "fields": [], "messages": [msg]}
    found = argparse_parser(src, tree) or dataclass(src, tree)
    if not found:
        return {"struct": None, "fields": [], "messages": [{"severity": "error", "message":
                "no hyperparameters found: a Python trainer declares them as argparse options "
                "(parser.add_argument(\"--lr\", type=float, default=1e-3, help=...)) or as the "
                "fields of a @dataclass"}]}
    struct, fields = found
    return {"struct": struct, "fields": fields, "messages": []}


def main(argv):
    if len(argv) != 2:
        print("usage: python_trainer_reader.py TRAINER.py", file=sys.stderr)
        return 2
    json.dump(read(argv[1]), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
