"""Shows that a text parameter full of shell metacharacters reaches the tool as one plain
argument and runs nothing.

The mark name of deepchrome_bin_signals is free text (it becomes a matrix column), so it
carries the payload. Two runs:
- as Galaxy runs it by default: the value is sanitised (quotes -> __sq__/__dq__, $ ; ` | &
  -> X) and single-quoted in the command;
- with the sanitiser switched off (<sanitizer sanitize="false">, which some admins and tools
  do): only the wrapper's single quotes protect the value, so it must still arrive verbatim.
Each run checks: no canary file was created anywhere in the job, the rendered command splits
(as bash splits it) into exactly the expected --mark argument, and the tool itself echoes the
value back (the matrix header names the mark).
"""
import copy
import csv
import os
import shlex
import shutil

from .params import Inputs, sanitize
from .tool import Job, Tool

PAYLOAD_SANITISED = ("K4 ; touch CANARY_semicolon $(touch CANARY_subshell) `touch CANARY_backtick` "
                     "| touch CANARY_pipe && touch CANARY_and 'single' \"double\" \\ end")
# Without a sanitiser a single quote would end the quoting: that is exactly why Galaxy maps it.
PAYLOAD_RAW = ("K4 ; touch CANARY_semicolon $(touch CANARY_subshell) `touch CANARY_backtick` "
               "| touch CANARY_pipe && touch CANARY_and \"double\" $HOME")


def run(tool, test_data_dir, work_root, env):
    problems = []
    problems += _case(tool, "sanitised", PAYLOAD_SANITISED, sanitize(PAYLOAD_SANITISED), test_data_dir, work_root, env)
    raw_tool = _without_sanitiser(tool)
    problems += _case(raw_tool, "unsanitised", PAYLOAD_RAW, PAYLOAD_RAW, test_data_dir, work_root, env)
    return "injection: shell metacharacters in a text parameter stay a plain string", problems


def _without_sanitiser(tool):
    clone = Tool.__new__(Tool)
    clone.__dict__.update(tool.__dict__)
    clone.root = copy.deepcopy(tool.root)
    for param in clone.root.iter("param"):
        if param.get("name") == "mark_name":
            el = param.makeelement("sanitizer", {"sanitize": "false"})
            param.append(el)
    clone.inputs = Inputs(clone.root.find("inputs"))
    clone.command_el = clone.root.find("command")
    clone.outputs_el = clone.root.find("outputs")
    return clone


def _case(tool, label, payload, expected_value, test_data_dir, work_root, env):
    job_dir = os.path.join(work_root, f"injection_{label}")
    job = Job(tool, job_dir, env)
    request = {
        "genes": job.stage(os.path.join(test_data_dir, "genes.bed")),
        "marks": [{"mark_name": payload,
                   "reads": job.stage(os.path.join(test_data_dir, "H3K4me3.bam"))}],
        "labels": {"labels_from": "none"},
        "split": {"split_mode": "none"},
    }
    job.run(request)
    problems = []
    canaries = [os.path.join(d, f) for d, _, files in os.walk(job_dir) for f in files if f.startswith("CANARY")]
    canaries += [f for f in os.listdir(os.getcwd()) if f.startswith("CANARY")]
    if canaries:
        problems.append(f"{label}: the payload ran commands, canary files: {canaries}")
    words = shlex.split(job.command_line)
    wanted = f"{expected_value}=mark_0.bam"
    marks = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "--mark"]
    if marks != [wanted]:
        problems.append(f"{label}: --mark argument is {marks}, expected [{wanted!r}]")
    if job.failed_reason:
        problems.append(f"{label}: the tool failed ({job.failed_reason}): {job.stderr.strip()[-500:]}")
    else:
        with open(job.produced["matrix"].file_name, newline="") as fh:
            header = next(csv.reader(fh), [])
        if expected_value not in header:
            problems.append(f"{label}: matrix header {header} does not name the mark {expected_value!r}")
    if not problems:
        shutil.rmtree(job_dir, ignore_errors=True)
    return problems
