"""Checks of galaxy/test-data, the folder a Tool Shed upload of galaxy/ carries to Galaxy's
test runner: only regular files (the Tool Shed does not follow symlinks out of the
repository), the copies of the project's primary test-data identical to their source (so a
regenerated test-data/ cannot leave stale copies behind), and no file that no test uses.

Copies are recognised by name: a file of galaxy/test-data whose name is also a file of
test-data/ or test-data/matrix/ (make-test-data.sh flattens matrix/train.csv to train.csv).
"""
import filecmp
import os


def primary_copies(galaxy_test_data, primary_dir):
    """name in galaxy/test-data -> the primary file it copies."""
    copies = {}
    for name in sorted(os.listdir(galaxy_test_data)):
        for folder in (primary_dir, os.path.join(primary_dir, "matrix")):
            source = os.path.join(folder, name)
            if os.path.isfile(source):
                copies[name] = source
                break
    return copies


def referenced_files(tools):
    """Every value=/file= of every <test> (params, outputs, collection elements)."""
    names = set()
    for tool in tools:
        for test in tool.tests():
            for el in test.iter():
                for attribute in ("value", "file"):
                    if el.get(attribute):
                        names.add(el.get(attribute))
    return names


def check(tools, galaxy_test_data, primary_dir, also_used=()):
    """Problems with galaxy/test-data; `also_used` names files other checks read."""
    if not os.path.isdir(galaxy_test_data):
        return [f"{galaxy_test_data} does not exist (run galaxy/test/make-test-data.sh)"]
    problems = []
    used = referenced_files(tools) | set(also_used)
    for name in sorted(os.listdir(galaxy_test_data)):
        path = os.path.join(galaxy_test_data, name)
        if os.path.islink(path):
            problems.append(f"{name} is a symlink: the Tool Shed would not follow it; make-test-data.sh must copy")
        elif not os.path.isfile(path):
            problems.append(f"{name} is not a regular file (keep galaxy/test-data flat)")
        elif name not in used:
            problems.append(f"{name} is used by no test: drop it from make-test-data.sh")
    if not os.path.isdir(primary_dir):
        return problems + [f"{primary_dir} (the primary test-data) does not exist"]
    for name, source in primary_copies(galaxy_test_data, primary_dir).items():
        if not filecmp.cmp(os.path.join(galaxy_test_data, name), source, shallow=False):
            problems.append(f"{name} differs from {os.path.relpath(source, os.path.dirname(primary_dir))}: "
                            "rerun galaxy/test/make-test-data.sh")
    return problems
