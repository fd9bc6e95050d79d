#!/usr/bin/env python3
"""Tests the Galaxy wrappers without a Galaxy server (planemo cannot be installed here).

1. schema: every wrapper, macros expanded, validated against galaxy.xsd (the JDK's validator);
2. lint: the IUC rules a schema cannot check (ids, quoting, order, help, citation, tests);
3. test-data: galaxy/test-data holds real files only, its copies of ../test-data are current,
   every file is used by a test;
3b. tests: every <test> of every wrapper rendered with Cheetah as Galaxy does and run;
4. injection: a text value full of shell metacharacters reaches the tool as one plain string;
4b. memory: the JVM heap follows GALAXY_MEMORY_MB (three quarters of it);
5. workflow: the .ga checked against the wrappers, then run step by step from its test job.

Prints one line per check and `N passed, N failed`; exits 1 on any failure.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from gxharness import injection, lint, memory, testcases, testdata, workflow  # noqa: E402
from gxharness.macros import MacroError  # noqa: E402
from gxharness.tool import Tool  # noqa: E402

PAPER_DOI = "10.1093/bioinformatics/btw427"


class Tally:
    def __init__(self):
        self.passed = self.failed = 0
        self.failures = []

    def record(self, name, problems, seconds=None):
        timing = f" ({seconds:.1f} s)" if seconds is not None else ""
        if problems:
            self.failed += 1
            self.failures.append(name)
            print(f"FAIL {name}{timing}")
            for p in problems:
                print(f"     {p}")
        else:
            self.passed += 1
            print(f"ok   {name}{timing}")
        sys.stdout.flush()


def main():
    root = os.path.abspath(os.path.join(HERE, "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--galaxy-dir", default=os.path.join(root, "galaxy"))
    parser.add_argument("--test-data", default=os.path.join(root, "galaxy", "test-data"),
                        help="the wrappers' test files (default galaxy/test-data)")
    parser.add_argument("--primary-test-data", default=os.path.join(root, "test-data"),
                        help="the project's test-data, of which galaxy/test-data holds copies")
    parser.add_argument("--workflows", default=os.path.join(root, "workflows"))
    parser.add_argument("--xsd", default=os.path.join(root, "..", "shared", "galaxy", "galaxy.xsd"))
    parser.add_argument("--tool", action="append", help="only this tool id (repeatable)")
    stage_names = ["self", "schema", "lint", "testdata", "tests", "injection", "memory", "workflow"]
    parser.add_argument("--only", choices=stage_names, action="append")
    parser.add_argument("--keep", action="store_true", help="keep job directories of passing tests too")
    parser.add_argument("--work-dir", help="where job directories go (default: a temporary directory)")
    parser.add_argument("--update-test-data", action="store_true",
                        help="copy produced outputs over the expected files in galaxy/test-data "
                             "(like planemo --update_test_data; copies of ../test-data are left alone)")
    args = parser.parse_args()
    stages = set(args.only or stage_names)

    work_root = args.work_dir or tempfile.mkdtemp(prefix="galaxy-harness-")
    os.makedirs(work_root, exist_ok=True)
    env = dict(os.environ)
    env["PATH"] = os.path.join(root, "bin") + os.pathsep + env.get("PATH", "")
    env.setdefault("GALAXY_SLOTS", "2")
    tally = Tally()

    tool_files = sorted(os.path.join(args.galaxy_dir, f) for f in os.listdir(args.galaxy_dir)
                        if f.endswith(".xml") and f != "macros.xml")
    tools = []
    for path in tool_files:
        try:
            tool = Tool(path)
        except (MacroError, ET.ParseError) as e:
            tally.record(f"load {os.path.basename(path)}", [str(e)])
            continue
        if args.tool and tool.id not in args.tool:
            continue
        tools.append(tool)

    if "self" in stages:
        self_test(tally)
    if "schema" in stages:
        validate_schema(tools, args.xsd, work_root, tally)
    if "lint" in stages:
        for tool in tools:
            with open(tool.path) as fh:
                tally.record(f"lint {tool.id}", lint.check_tool(tool, fh.read(), PAPER_DOI))
    if "testdata" in stages and not args.tool:
        tally.record("test-data: galaxy/test-data is real files, current copies, each one used",
                     testdata.check(tools, args.test_data, args.primary_test_data))
    if "tests" in stages:
        update_dir = args.test_data if args.update_test_data else None
        protected = testdata.primary_copies(args.test_data, args.primary_test_data)
        for tool in tools:
            for index, test_el in enumerate(tool.tests()):
                started = time.time()
                result = testcases.run_test(tool, index, test_el, args.test_data, work_root, env,
                                            keep=args.keep, update_dir=update_dir, protected=protected)
                problems = result.problems
                if problems and result.job is not None:
                    problems = problems + [f"job directory: {result.job.job_dir}",
                                           f"command: {result.job.command_line}"]
                tally.record(result.name, problems, time.time() - started)
    by_id = {t.id: t for t in tools}
    if "injection" in stages and "deepchrome_bin_signals" in by_id:
        started = time.time()
        name, problems = injection.run(by_id["deepchrome_bin_signals"], args.test_data, work_root, env)
        tally.record(name, problems, time.time() - started)
    if "memory" in stages and "deepchrome_predict" in by_id:
        started = time.time()
        name, problems = memory.run(by_id["deepchrome_predict"], args.test_data, work_root, env)
        tally.record(name, problems, time.time() - started)
    if "workflow" in stages and not args.tool:
        all_tools = {t.id: t for t in (Tool(p) for p in tool_files)}
        for ga in sorted(f for f in os.listdir(args.workflows) if f.endswith(".ga")):
            ga_path = os.path.join(args.workflows, ga)
            tally.record(f"workflow {ga}: structure", workflow.check_structure(ga_path, all_tools))
            tests_path = ga_path[:-3] + "-tests.yml"
            if not os.path.exists(tests_path):
                tally.record(f"workflow {ga}: test description", [f"{tests_path} is missing"])
                continue
            for index, (label, problems, seconds) in enumerate(
                    workflow.run_tests(ga_path, tests_path, all_tools, work_root, env)):
                tally.record(f"workflow {ga}: {label}", problems, seconds)

    print(f"{tally.passed} passed, {tally.failed} failed")
    if tally.failed:
        print("failed: " + ", ".join(tally.failures))
        print(f"job directories of failed checks are kept under {work_root}")
    elif not (args.work_dir or args.keep):
        shutil.rmtree(work_root, ignore_errors=True)
    return 1 if tally.failed else 0


def self_test(tally):
    """The harness's own unit tests (test_harness.py), one line each."""
    import unittest
    suite = unittest.defaultTestLoader.loadTestsFromName("test_harness")
    for test in _flatten(suite):
        result = unittest.TestResult()
        test.run(result)
        problems = [trace.strip().splitlines()[-1] for _, trace in result.failures + result.errors]
        tally.record(f"harness self-test {test.id().split('.', 1)[1]}", problems)


def _flatten(suite):
    for item in suite:
        if hasattr(item, "__iter__"):
            yield from _flatten(item)
        else:
            yield item


def validate_schema(tools, xsd, work_root, tally):
    if not os.path.exists(xsd):
        tally.record("schema", [f"{xsd} not found"])
        return
    expanded_dir = os.path.join(work_root, "expanded")
    os.makedirs(expanded_dir, exist_ok=True)
    files = {}
    for tool in tools:
        out = os.path.join(expanded_dir, os.path.basename(tool.path))
        ET.ElementTree(tool.root).write(out, encoding="unicode")
        files[out] = tool.id
    done = subprocess.run(["java", os.path.join(HERE, "XsdValidate.java"), xsd] + list(files),
                          capture_output=True, text=True)
    report = {f: [] for f in files}
    for line in done.stdout.splitlines():
        if line.startswith("INVALID "):
            path = line[len("INVALID "):].split(":")[0]
            report.setdefault(path, []).append(line)
    if done.returncode not in (0, 1):
        tally.record("schema validator", [done.stderr.strip()])
        return
    for path, tool_id in files.items():
        tally.record(f"schema {tool_id} (macros expanded)", report.get(path, []))


if __name__ == "__main__":
    sys.exit(main())
