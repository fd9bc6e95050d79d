"""Shows that a tool's JVM heap follows Galaxy's GALAXY_MEMORY_MB (three quarters of it).

Runs the first <test> of one wrapper twice with a `java` shim (the launcher honours $JAVA)
that records its arguments before starting the real java: once with GALAXY_MEMORY_MB=2048
(expects -Xmx1536m) and once without it (expects the wrapper's 4 GB default: -Xmx3072m).
"""
import os
import shutil
import stat

from .testcases import run_test

SHIM = """#!/bin/sh
printf '%s\\n' "$*" >> "$DEEPCHROME_JAVA_ARGS_LOG"
exec "$REAL_JAVA" "$@"
"""


def run(tool, test_data_dir, work_root, env):
    problems = []
    real_java = env.get("JAVA") or shutil.which("java", path=env.get("PATH"))
    if not real_java:
        return _name(tool), ["no java on PATH"]
    shim_dir = os.path.join(work_root, "java-shim")
    os.makedirs(shim_dir, exist_ok=True)
    shim = os.path.join(shim_dir, "java")
    with open(shim, "w") as fh:
        fh.write(SHIM)
    os.chmod(shim, os.stat(shim).st_mode | stat.S_IXUSR)
    test_el = next(iter(tool.tests()), None)
    if test_el is None:
        return _name(tool), [f"{tool.id} has no <test> to run"]
    for memory, expected in (("2048", "-Xmx1536m"), (None, "-Xmx3072m")):
        log = os.path.join(shim_dir, f"args-{memory or 'unset'}.log")
        run_env = dict(env, JAVA=shim, REAL_JAVA=real_java, DEEPCHROME_JAVA_ARGS_LOG=log)
        run_env.pop("GALAXY_MEMORY_MB", None)
        if memory:
            run_env["GALAXY_MEMORY_MB"] = memory
        result = run_test(tool, 0, test_el, test_data_dir, os.path.join(work_root, f"memory-{memory or 'unset'}"),
                          run_env)
        problems += [f"GALAXY_MEMORY_MB={memory}: {p}" for p in result.problems]
        calls = open(log).read().split("\n") if os.path.exists(log) else []
        tool_calls = [c for c in calls if " -jar " in f" {c} "]
        if not tool_calls:
            problems.append(f"GALAXY_MEMORY_MB={memory}: the tool's java was never started through $JAVA")
        for call in tool_calls:
            if expected not in call.split():
                problems.append(f"GALAXY_MEMORY_MB={memory}: java started with '{call}', expected {expected}")
    return _name(tool), problems


def _name(tool):
    return f"memory: {tool.id}'s JVM heap is 3/4 of GALAXY_MEMORY_MB (4 GB when unset)"
