#!/usr/bin/env python3
"""Largest files and longest functions of the generator (issue 11's size rules: no file in
generator/src over 600 lines, no function over 80).

Usage: python3 scripts/sizes.py [DIR] [--top N]   (DIR defaults to generator/src)

A function is counted from its `fn` line to the line that closes its body, at the same
indentation (rustfmt's layout), comments and blank lines included. Test modules are counted
as files but their functions are listed apart, since the rules are about the generator's code.
Exits 1 when a rule is broken.
"""
import argparse
import pathlib
import re
import sys

FN = re.compile(r"^(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def functions(path):
    lines = path.read_text().splitlines()
    in_tests = False
    for i, line in enumerate(lines):
        if re.match(r"^\s*mod tests\b", line) or path.parts[-2:-1] == ("tests",):
            in_tests = True
        m = FN.match(line)
        if not m:
            continue
        indent = m.group(1)
        # A declaration without a body (trait item) ends with `;`.
        j = i
        while j < len(lines) and not lines[j].rstrip().endswith(("{", ";")):
            j += 1
        if j >= len(lines) or lines[j].rstrip().endswith(";"):
            continue
        end = j
        while end < len(lines) and lines[end] != indent + "}":
            end += 1
        yield m.group(7), i + 1, end - i + 1, in_tests


def main():
    parser = argparse.ArgumentParser(description="Largest files and longest functions.")
    parser.add_argument("dir", nargs="?", default="generator/src")
    parser.add_argument("--top", type=int, default=10, help="rows per table")
    args = parser.parse_args()
    top = args.top
    root = pathlib.Path(args.dir)
    files = sorted(root.rglob("*.rs"))
    sizes = sorted(((len(f.read_text().splitlines()), f) for f in files), reverse=True)
    fns = []
    for f in files:
        for name, line, length, test in functions(f):
            fns.append((length, f"{f}:{line}", name, test))
    code = sorted((x for x in fns if not x[3]), reverse=True)
    tests = sorted((x for x in fns if x[3]), reverse=True)

    print(f"| largest files in {root} | lines |\n|---|---:|")
    for n, f in sizes[:top]:
        print(f"| {f} | {n} |")
    print(f"\n| longest functions (tests apart) | fn | lines |\n|---|---|---:|")
    for n, at, name, _ in code[:top]:
        print(f"| {at} | {name} | {n} |")
    if tests:
        print(f"\nlongest test function: {tests[0][2]} at {tests[0][1]}, {tests[0][0]} lines")
    over_files = [f for n, f in sizes if n > 600]
    over_fns = [at for n, at, _, _ in code if n > 80]
    print(
        f"\n{len(files)} files, {len(code)} functions; "
        f"files over 600 lines: {len(over_files)}; functions over 80 lines: {len(over_fns)}"
    )
    return 1 if over_files or over_fns else 0


if __name__ == "__main__":
    sys.exit(main())
