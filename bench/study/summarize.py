#!/usr/bin/env python3
"""Markdown table of a Nextflow trace for docs/benchmarks.md: one row per task (realtime,
%cpu, peak_rss), the sum of task realtimes per step, and the run's wall time.
Usage: summarize.py TRACE.txt WALL_SECONDS "LOAD BEFORE" "LOAD AFTER"
"""
import csv
import re
import sys

UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
SIZES = {"B": 1 / 2**20, "KB": 1 / 2**10, "MB": 1, "GB": 2**10, "TB": 2**20}


def seconds(text):
    """'1m 2s', '3.4s', '450ms' -> seconds; '-' -> None."""
    parts = re.findall(r"([\d.]+)\s*(ms|s|m|h|d)", text)
    return sum(float(v) * UNITS[u] for v, u in parts) if parts else None


def megabytes(text):
    """'512 MB', '1.2 GB' -> MB; '-' -> None."""
    m = re.match(r"([\d.]+)\s*([KMGT]?B)", text.strip())
    return float(m.group(1)) * SIZES[m.group(2)] if m else None


def main(trace, wall, before, after):
    with open(trace) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    print(f"| task | status | realtime s | %cpu | peak RSS MB |")
    print("|---|---|---|---|---|")
    steps = {}
    for r in rows:
        real = seconds(r["realtime"])
        rss = megabytes(r["peak_rss"])
        step = r["name"].split(" (")[0].split(":")[-1]
        steps[step] = steps.get(step, 0) + (real or 0)
        print(f"| {r['name']} | {r['status']} | {real if real is None else f'{real:.1f}'} | {r['%cpu']} "
              f"| {'-' if rss is None else f'{rss:,.0f}'} |")
    print()
    print("| step | tasks' realtime s (sum) |")
    print("|---|---|")
    for step, real in sorted(steps.items(), key=lambda s: -s[1]):
        print(f"| {step} | {real:.1f} |")
    print()
    print(f"Whole cell: {float(wall):.1f} s wall (Nextflow start to end); load average before {before}, after {after}.")


if __name__ == "__main__":
    main(*sys.argv[1:5])
