#!/usr/bin/env python3
"""Checks that every #include "..." in hpoc's C++ sources follows cmake/layers.txt.

A file belongs to the longest listed folder its path starts with (compiler/sema/x.cpp
belongs to `compiler`). It may include its own folder's headers and those of the
folders its folder may use, transitively. Prints each broken edge as
file:line: message and exits 1 when there is one; exits 0 with a summary otherwise.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def read_layers(path):
    deps = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        if ':' not in line:
            sys.exit(f"{path}:{number}: expected 'folder: folders...'")
        folder, uses = line.split(':', 1)
        deps[folder.strip()] = uses.split()
    for folder, uses in deps.items():
        for u in uses:
            if u not in deps:
                sys.exit(f"{path}: '{folder}' uses '{u}', which is not listed")
    return deps


def closure(deps):
    allowed = {}

    def visit(folder, stack):
        if folder in allowed:
            return allowed[folder]
        if folder in stack:
            sys.exit("cmake/layers.txt: a cycle through " + " -> ".join(stack + [folder]))
        result = {folder}
        for u in deps[folder]:
            result |= visit(u, stack + [folder])
        allowed[folder] = result
        return result

    for f in deps:
        visit(f, [])
    return allowed


def owner(path, folders):
    best = None
    for f in folders:
        if (path == f or path.startswith(f + '/')) and (best is None or len(f) > len(best)):
            best = f
    return best


def main():
    deps = read_layers(ROOT / 'cmake' / 'layers.txt')
    allowed = closure(deps)
    files = subprocess.run(['git', 'ls-files', '*.cpp', '*.h'], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    broken, checked = [], 0
    for rel in files:
        if rel.startswith(('tests/', 'examples/', 'bench/')):
            continue  # projects of their own, built against the installed interface
        me = owner(rel, deps)
        for number, line in enumerate((ROOT / rel).read_text(errors='replace').splitlines(), 1):
            m = INCLUDE.match(line)
            if not m or '/' not in m.group(1):
                continue  # a generated file or one beside it
            target = m.group(1)
            to = owner(target, deps)
            if to is None:
                continue  # not one of hpoc's folders (a system or third-party header)
            checked += 1
            if me is None:
                broken.append(f"{rel}:{number}: '{rel}' is in no folder of cmake/layers.txt")
            elif to not in allowed[me]:
                broken.append(f"{rel}:{number}: {me} may not include {target} ({to}); "
                              f"{me} may use: {', '.join(sorted(allowed[me] - {me})) or 'nothing'}")
    for b in broken:
        print(b)
    if broken:
        print(f"check-layers: {len(broken)} include(s) break cmake/layers.txt")
        return 1
    print(f"check-layers: {checked} includes across {len(files)} files follow cmake/layers.txt")
    return 0


if __name__ == '__main__':
    sys.exit(main())
