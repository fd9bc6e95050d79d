#!/usr/bin/env python3
"""Markdown rows from bench/bin-signals/run.sh's hyperfine JSON files: wall and CPU (user + system)
seconds, and each command's ratio to `samtools view -c -@ 2` (decoding on the same two cores) by both measures.
Usage: summarize.py NAME RECORDS FAST.json [MULTICOV.json]"""
import json
import sys

name, records = sys.argv[1], int(sys.argv[2])
results = [r for f in sys.argv[3:] for r in json.load(open(f))["results"]]
floor = next(r for r in results if r["command"] == "samtools view -c -@ 2")
floor_cpu = floor["user"] + floor["system"]
for r in results:
    cpu = r["user"] + r["system"]
    print(f"| {name} | {records:,} | {r['command']} | {r['mean']:.2f} ± {r.get('stddev') or 0:.2f} | {cpu:.2f} | "
          f"{r['mean'] / floor['mean']:.1f}× | {cpu / floor_cpu:.1f}× |")
