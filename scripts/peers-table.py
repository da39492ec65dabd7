#!/usr/bin/env python3
"""The table of scripts/bench-peers.sh: one Markdown row per spec, then medians and ratios.

usage: python3 scripts/peers-table.py RESULTS.tsv
"""
import csv
import statistics
import sys

TOOLS = ["ours", "ours-crate", "progenitor", "openapi-generator"]
OURS = TOOLS[:2]
PEERS = TOOLS[2:]


def num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def cell(r):
    if r is None or r["generated"] != "yes":
        return "no"
    check = {"yes": "ok", "no": "**fails**", "": "not checked"}[r["checked"]]
    own = f" {num(r['check_s']):.1f} s" if num(r["check_s"]) is not None and r["checked"] == "yes" else ""
    return f"{num(r['gen_s']):.2f} s, {r['gen_mib']} MiB; check {check}{own}"


def ratios(rows, specs, a, b, field, need):
    out = []
    for s in specs:
        x, y = rows.get((s, a)), rows.get((s, b))
        if x and y and need(x) and need(y) and num(x[field]) and num(y[field]):
            out.append((num(x[field]) / num(y[field]), s))
    return out


def main():
    with open(sys.argv[1]) as f:
        data = list(csv.DictReader(f, delimiter="\t"))
    rows = {(r["spec"], r["tool"]): r for r in data}
    specs = sorted({r["spec"] for r in data})
    present = {r["tool"] for r in data}
    tools = [t for t in TOOLS if t in present]
    print("| spec | " + " | ".join(tools) + " |")
    print("|---|" + "---|" * len(tools))
    for s in specs:
        print(f"| {s} | " + " | ".join(cell(rows.get((s, t))) for t in tools) + " |")
    print()
    generated = lambda r: r["generated"] == "yes"
    checked = lambda r: r["checked"] == "yes"
    print("| tool | generated | check passes | median generation (s) | median crate check (s) |")
    print("|---|---:|---:|---:|---:|")
    for t in tools:
        mine = [r for r in data if r["tool"] == t]
        gen = [num(r["gen_s"]) for r in mine if generated(r)]
        chk = [num(r["check_s"]) for r in mine if checked(r) and num(r["check_s"]) is not None]
        med = lambda v: f"{statistics.median(v):.2f}" if v else "-"
        print(f"| {t} | {sum(map(generated, mine))} / {len(mine)} | {sum(map(checked, mine))} | {med(gen)} | {med(chk)} |")
    print()
    for ours in (t for t in OURS if t in present):
        for peer in (t for t in PEERS if t in present):
            g = ratios(rows, specs, peer, ours, "gen_s", generated)
            c = ratios(rows, specs, ours, peer, "check_s", checked)
            if g:
                print(f"- generation, {peer} / {ours}: median {statistics.median(v for v, _ in g):.1f}x over {len(g)} specs both generate")
            if c:
                worst = max(c)
                slower = [s for v, s in c if v > 1.0]
                print(f"- crate check, {ours} / {peer}: median {statistics.median(v for v, _ in c):.2f}x over {len(c)} specs both check; "
                      f"worst {worst[0]:.2f}x ({worst[1]}); {ours} slower on {len(slower)}: {', '.join(slower) or 'none'}")


if __name__ == "__main__":
    main()
