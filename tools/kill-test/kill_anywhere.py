#!/usr/bin/env python3
"""Kill-anywhere test: each tool is killed with SIGKILL at seeded random moments of a real run.

For every tool: one complete reference run, then --kills runs each killed after a delay drawn
(seeded) from [0, 0.9 x reference duration], and --write-kills runs killed the moment a temporary
output file appears (random moments rarely hit the short writing phase); each run writes to an
output path emptied beforehand. visualize writes a directory: each file in it must be absent or
equal to the reference's. After each
kill the output path must be absent or equal to the reference (byte for byte; a model zip, which
records times, must be a complete zip with the reference's entries). A temporary sibling left by
a kill is expected; the next complete run must remove every one. Kills are counted by where they
landed: before any output, while a temporary file was being written, after the output was
complete. Needs the tools built (mvn -DskipTests package).
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "test-data")
MARKS = ["H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3"]


def tool(name):
    return os.path.join(ROOT, "bin", "deepchrome-" + name)


def cases(work):
    """(tool, arguments, output path, zip?) per tool; predict and visualize use the model train writes."""
    matrix = os.path.join(DATA, "matrix")
    model = os.path.join(work, "model.zip")
    marks = [a for m in MARKS for a in ("--mark", m + "=" + os.path.join(DATA, m + ".bam"))]
    return [
        ("bin-signals", ["--genes", os.path.join(DATA, "genes.bed"), *marks, "--expression",
                         os.path.join(DATA, "expression.tsv"), "--quiet", "--output"],
         os.path.join(work, "out", "matrix.csv.gz"), False),
        ("train", ["--train", os.path.join(matrix, "train.csv"), "--valid", os.path.join(matrix, "valid.csv"),
                   "--model-type", "logistic", "--threads", "1", "--quiet", "--output"], model, True),
        ("predict", ["--model", model, "--input", os.path.join(matrix, "test.csv"), "--quiet", "--output"],
         os.path.join(work, "out", "predictions.tsv"), False),
        # visualize writes a directory of tables and figures; it needs a CNN (made once, below)
        ("visualize", ["--model", os.path.join(work, "cnn.zip"), "--input", os.path.join(matrix, "test.csv"),
                       "--iterations", "20", "--top", "5", "--heatmap-rows", "50", "--image-format", "png", "--seed", "3",
                       "--threads", "1", "--quiet", "--output-dir"], os.path.join(work, "figures"), False),
    ]


def make_cnn(work):
    matrix = os.path.join(DATA, "matrix")
    run("train", ["--train", os.path.join(matrix, "train.csv"), "--valid", os.path.join(matrix, "valid.csv"),
                  "--epochs", "1", "--threads", "1", "--quiet", "--output"], os.path.join(work, "cnn.zip"))


def is_temporary(file_name, target_name=None):
    """AtomicFile's naming: .TARGET.<digits>.tmp (any target when target_name is None)."""
    if not (file_name.startswith(".") and file_name.endswith(".tmp")):
        return False
    stem, _, digits = file_name[1:-4].rpartition(".")
    return digits.isdigit() and (target_name is None or stem == target_name)


def temporaries(path):
    """Temporaries of a file output (its hidden siblings) or of a directory output (inside it)."""
    if os.path.isdir(path):
        return sorted(f for f in os.listdir(path) if is_temporary(f))
    d, name = os.path.split(path)
    if not os.path.isdir(d):
        return []
    return sorted(f for f in os.listdir(d) if is_temporary(f, name))


def outputs(path):
    """What a run produced at `path`: the file, or the directory's files other than temporaries."""
    if os.path.isdir(path):
        return [os.path.join(path, f) for f in sorted(os.listdir(path)) if not is_temporary(f)]
    return [path] if os.path.exists(path) else []


def remove_outputs(path):
    for f in outputs(path):
        os.remove(f)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def same_output(path, reference, is_zip):
    if os.path.isdir(path):  # every file present is the reference's file, whole
        return all(os.path.isfile(os.path.join(reference, os.path.basename(f)))
                   and digest(f) == digest(os.path.join(reference, os.path.basename(f))) for f in outputs(path))
    if not is_zip:
        return digest(path) == digest(reference)
    try:
        with zipfile.ZipFile(path) as z, zipfile.ZipFile(reference) as r:
            return z.testzip() is None and sorted(z.namelist()) == sorted(r.namelist())
    except zipfile.BadZipFile:
        return False


def run(name, args, out):
    start = time.monotonic()
    p = subprocess.run([tool(name), *args, out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"kill-anywhere: {name}: reference run failed (exit {p.returncode}): {p.stderr.strip()}")
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="kills per tool (default 20)")
    parser.add_argument("--write-kills", type=int, default=3,
                        help="extra kills per tool the moment a temporary file appears, i.e. while writing (default 3)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the kill moments (default 16)")
    parser.add_argument("--tool", action="append", help="only this tool (repeatable)")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    failures = []
    with tempfile.TemporaryDirectory(prefix="kill-anywhere-") as work:
        if not opts.tool or "visualize" in opts.tool:
            make_cnn(work)
        for name, args, out, is_zip in cases(work):
            if opts.tool and name not in opts.tool:
                if name == "train":  # predict needs a model all the same
                    run(name, args, out)
                continue
            duration = run(name, args, out)
            reference = os.path.join(work, "reference-" + name)
            if os.path.isdir(out):
                shutil.copytree(out, reference)
            else:
                shutil.copyfile(out, reference)
            landed = {"before any output": 0, "while writing": 0, "after the commit": 0, "finished first": 0}
            for k in range(opts.kills + opts.write_kills):
                at_write = k >= opts.kills
                remove_outputs(out)
                before = set(temporaries(out))
                delay = rng.uniform(0, duration * 0.9)  # the tail of a run is the JVM exiting
                p = subprocess.Popen([tool(name), *args, out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                killed = False
                if at_write:  # random moments rarely hit the short writing phase: wait for a temporary
                    while p.poll() is None and not set(temporaries(out)) - before:
                        time.sleep(0.002)
                    delay = 0
                try:
                    p.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    p.send_signal(signal.SIGKILL)  # the launcher execs java: this is the JVM
                    p.wait()
                    killed = True
                new_temps = set(temporaries(out)) - before
                if outputs(out) and not same_output(out, reference, is_zip):
                    failures.append(f"{name}: kill {k + 1} at {delay:.2f}s left an output that differs"
                                    f" from the complete run's")
                if not killed:
                    landed["finished first"] += 1
                elif outputs(out):
                    landed["after the commit"] += 1
                elif new_temps:
                    landed["while writing"] += 1
                else:
                    landed["before any output"] += 1
            left = temporaries(out)
            run(name, args, out)  # a complete run removes what the kills left
            survivors = temporaries(out)
            if survivors:
                failures.append(f"{name}: temporaries survived a complete run: {survivors}")
            if len(outputs(out)) != len(outputs(reference)) or not same_output(out, reference, is_zip):
                failures.append(f"{name}: the run after the kills differs from the reference")
            print(f"kill-anywhere: {name}: {opts.kills} random + {opts.write_kills} at-write kills in {duration:.1f}s runs; landed "
                  + ", ".join(f"{v} {k}" for k, v in landed.items())
                  + f"; {len(left)} temporaries left by kills, {len(survivors)} after the next run", flush=True)
    for f in failures:
        print("kill-anywhere: FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
