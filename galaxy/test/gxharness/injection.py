"""Shows that a text parameter full of shell metacharacters reaches the tool as one plain
argument and runs nothing.

The expression column of deepchrome_bin_signals is free text (any column name), so it
carries the payload. Two runs:
- as Galaxy runs it by default: the value is sanitised (quotes -> __sq__/__dq__, $ ; ` | &
  -> X) and single-quoted in the command;
- with the sanitiser switched off (<sanitizer sanitize="false">, which some tools do): only
  the wrapper's single quotes protect the value, so it must still arrive verbatim.
Each run checks that no canary file was created anywhere in the job, that the rendered command
splits (as the shell splits it) into exactly the expected --expression-column argument, and
that the tool itself echoes the value back: no such column, exit code 2, the value quoted in
its one-line error. A third check: the mark name, whose validator mirrors the tool's rule,
refuses the payload in the form, before any job exists.
"""
import copy
import os
import shlex
import shutil

from .params import Inputs, ParamError, sanitize
from .tool import Job, Tool

PAYLOAD_SANITISED = ("rpkm ; touch CANARY_semicolon $(touch CANARY_subshell) `touch CANARY_backtick` "
                     "| touch CANARY_pipe && touch CANARY_and 'single' \"double\" \\ end")
# Without a sanitiser a single quote would end the quoting: that is exactly why Galaxy maps it.
PAYLOAD_RAW = ("rpkm ; touch CANARY_semicolon $(touch CANARY_subshell) `touch CANARY_backtick` "
               "| touch CANARY_pipe && touch CANARY_and \"double\" $HOME")


def run(tool, test_data_dir, work_root, env):
    problems = []
    problems += _case(tool, "sanitised", PAYLOAD_SANITISED, sanitize(PAYLOAD_SANITISED), test_data_dir, work_root, env)
    problems += _case(_without_sanitiser(tool, "expression_column"), "unsanitised", PAYLOAD_RAW, PAYLOAD_RAW,
                      test_data_dir, work_root, env)
    problems += _form_refuses_mark_name(tool, test_data_dir, work_root, env)
    return "injection: shell metacharacters in a text parameter stay a plain string", problems


def _without_sanitiser(tool, param_name):
    clone = Tool.__new__(Tool)
    clone.__dict__.update(tool.__dict__)
    clone.root = copy.deepcopy(tool.root)
    for param in clone.root.iter("param"):
        if param.get("name") == param_name:
            param.append(param.makeelement("sanitizer", {"sanitize": "false"}))
    clone.inputs = Inputs(clone.root.find("inputs"))
    clone.command_el = clone.root.find("command")
    clone.outputs_el = clone.root.find("outputs")
    return clone


def _request(job, test_data_dir, mark_name, column):
    return {
        "genes": job.stage(os.path.join(test_data_dir, "genes10.bed")),
        "marks": [{"mark_name": mark_name, "reads": job.stage(os.path.join(test_data_dir, "H3K4me3.bam"))}],
        "labels": {"labels_from": "expression", "expression": job.stage(os.path.join(test_data_dir, "expression.tsv")),
                   "expression_column": column},
        "split": {"split_mode": "none"},
    }


def _canaries(job_dir):
    found = [os.path.join(d, f) for d, _, files in os.walk(job_dir) for f in files if f.startswith("CANARY")]
    return found + [f for f in os.listdir(os.getcwd()) if f.startswith("CANARY")]


def _case(tool, label, payload, expected_value, test_data_dir, work_root, env):
    job_dir = os.path.join(work_root, f"injection_{label}")
    job = Job(tool, job_dir, env)
    job.run(_request(job, test_data_dir, "H3K4me3", payload))
    problems = []
    if _canaries(job_dir):
        problems.append(f"{label}: the payload ran commands, canary files: {_canaries(job_dir)}")
    words = shlex.split(job.command_line)
    given = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "--expression-column"]
    if given != [expected_value]:
        problems.append(f"{label}: --expression-column argument is {given}, expected [{expected_value!r}]")
    if job.exit_code != 2:
        problems.append(f"{label}: exit code {job.exit_code}, expected 2 (no such column); stderr: {job.stderr.strip()}")
    echoed = f"no column named '{expected_value}'"
    if echoed not in job.stderr:
        problems.append(f"{label}: the tool did not echo the value verbatim; expected {echoed!r} in {job.stderr.strip()!r}")
    if not problems:
        shutil.rmtree(job_dir, ignore_errors=True)
    return problems


def _form_refuses_mark_name(tool, test_data_dir, work_root, env):
    job_dir = os.path.join(work_root, "injection_form")
    job = Job(tool, job_dir, env)
    try:
        job.run(_request(job, test_data_dir, PAYLOAD_SANITISED, None))
    except ParamError:
        problems = ["form: canary files exist"] if _canaries(job_dir) else []
        shutil.rmtree(job_dir, ignore_errors=True)
        return problems
    return ["form: the mark-name validator accepted a value with shell metacharacters"]
