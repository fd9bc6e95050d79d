"""Runs the <tests> of a wrapper as planemo would: build the request from the test's
<param>/<repeat>/<section>/<conditional> elements, run the job, check exit code,
outputs and assertions."""
import copy
import os
import shutil

from . import asserts
from .params import Conditional, Param, ParamError, Repeat, Section
from .tool import Job, ToolError


class TestResult:
    def __init__(self, name, problems, job=None):
        self.name, self.problems, self.job = name, problems, job

    @property
    def passed(self):
        return not self.problems


def build_request(items, level, stage):
    """Nested raw values for `items` from the test elements in `level`.

    `level` holds <param>, <repeat>, <section>, <conditional> elements; a param may also be
    named with a '|' path (advanced|window). `stage(filename, ftype)` turns a test-data
    file name into a staged Dataset.
    """
    request = {}
    for item in items:
        if isinstance(item, Param):
            el = _find_param(level, item.name)
            if el is None:
                continue
            value = el.get("value")
            if item.type == "data":
                if value in (None, ""):
                    request[item.name] = None
                else:
                    request[item.name] = stage(value, el.get("ftype"))
            else:
                request[item.name] = value if value is not None else el.get("value_json")
        elif isinstance(item, Repeat):
            blocks = [el for el in level if el.tag == "repeat" and el.get("name") == item.name]
            if blocks:
                request[item.name] = [build_request(item.children, list(b), stage) for b in blocks]
        elif isinstance(item, Section):
            request[item.name] = build_request(item.children, _descend(level, "section", item.name), stage)
        elif isinstance(item, Conditional):
            inner = _descend(level, "conditional", item.name, lenient=True)
            values = {}
            for children in item.whens.values():
                for key, value in build_request(children, inner, stage).items():
                    values.setdefault(key, value)
            test = _find_param(inner, item.test_param.name)
            if test is not None:
                values[item.test_param.name] = test.get("value")
            request[item.name] = values
    return request


def _find_param(level, name):
    for el in level:
        if el.tag == "param" and el.get("name") == name:
            return el
    return None


def _descend(level, tag, name, lenient=False):
    """The elements visible inside section/conditional `name`: its own children, params
    named 'name|x' (renamed x) and, for conditionals, bare names (Galaxy allows them)."""
    inner = []
    for el in level:
        if el.tag == tag and el.get("name") == name:
            inner.extend(list(el))
        elif el.tag == "param" and (el.get("name") or "").startswith(name + "|"):
            renamed = copy.copy(el)
            renamed.set("name", el.get("name")[len(name) + 1:])
            inner.append(renamed)
    if lenient:
        inner.extend(el for el in level if el.tag == "param" and "|" not in (el.get("name") or ""))
    return inner


def run_test(tool, index, test_el, test_data_dir, work_root, env, keep=False, update_dir=None, protected=()):
    """Runs one <test>. With update_dir, each expected file= is rewritten from the produced
    output (planemo's --update_test_data), except the names in `protected` (copies of the
    primary test-data, which only make-test-data.sh writes)."""
    name = f"{tool.id} test {index + 1}"
    job_dir = os.path.join(work_root, f"{tool.id}_{index + 1}")
    shutil.rmtree(job_dir, ignore_errors=True)
    job = Job(tool, job_dir, env)
    expect_failure = test_el.get("expect_failure", "false").lower() == "true"
    expect_exit = test_el.get("expect_exit_code")

    def stage(filename, ftype):
        return job.stage(os.path.join(test_data_dir, filename), ftype, filename)

    try:
        request = build_request(tool.inputs.items, list(test_el), stage)
        job.run(request)
    except ParamError as e:
        if expect_failure:
            return TestResult(name, [], job)
        return TestResult(name, [f"parameters refused: {e}"], job)
    except ToolError as e:
        return TestResult(name, [str(e)], job)

    problems = []
    if expect_exit is not None and job.exit_code != int(expect_exit):
        problems.append(f"exit code {job.exit_code}, expected {expect_exit}")
    if expect_failure and job.failed_reason is None:
        problems.append("the job succeeded but the test expects a failure")
    if not expect_failure and job.failed_reason is not None:
        problems.append(f"the job failed ({job.failed_reason}); stderr: {job.stderr.strip()[-800:]}")
    problems += [f"the command uses an old option spelling: {w}" for w in job.deprecation_warnings()]
    for stream, text in (("assert_stdout", job.stdout), ("assert_stderr", job.stderr),
                         ("assert_command", job.command_line)):
        for el in test_el.findall(stream):
            problems += [f"{stream}: {p}" for p in asserts.check_assertions(text.encode(), el)]
    if test_el.get("expect_num_outputs") is not None:
        count = len(job.produced) + len(job.collections)
        if count != int(test_el.get("expect_num_outputs")):
            problems.append(f"{count} outputs, expected {test_el.get('expect_num_outputs')} "
                            f"({sorted(job.produced) + sorted(job.collections)})")
    if not expect_failure:
        update = (update_dir, set(protected)) if update_dir is not None else None
        for out_el in test_el.findall("output"):
            problems += _check_output(job, out_el, test_data_dir, update)
        for coll_el in test_el.findall("output_collection"):
            problems += _check_collection(job, coll_el, test_data_dir, update)
    result = TestResult(name, problems, job)
    if result.passed and not keep:
        shutil.rmtree(job_dir, ignore_errors=True)
    return result


def _check_dataset(label, dataset, el, test_data_dir, update):
    problems = []
    if el.get("ftype") and dataset.ext != el.get("ftype"):
        problems.append(f"{label}: format {dataset.ext}, expected {el.get('ftype')}")
    if el.get("file"):
        expected = os.path.join(test_data_dir, el.get("file"))
        if update is not None and el.get("file") not in update[1]:
            shutil.copyfile(dataset.file_name, os.path.join(update[0], el.get("file")))
        if not os.path.exists(expected):
            problems.append(f"{label}: expected file {expected} is missing")
        else:
            problems += [f"{label}: {p}" for p in asserts.compare_files(dataset.file_name, expected, el)]
    with open(dataset.file_name, "rb") as fh:
        data = fh.read()
    for block in el.findall("assert_contents"):
        problems += [f"{label}: {p}" for p in asserts.check_assertions(data, block)]
    return problems


def _check_output(job, el, test_data_dir, update):
    name = el.get("name")
    if name not in job.produced:
        return [f"output {name} was not produced (filtered out or unknown)"]
    return _check_dataset(f"output {name}", job.produced[name], el, test_data_dir, update)


def element_order_problems(name, produced_ids, tested_ids):
    """Galaxy (tool profile >= 20.09) checks that the <element>s a test lists appear in the
    collection in that order, untested elements allowed in between (verify_collection).
    Here the listed ids must be a subsequence of the produced ids: never more lenient than
    Galaxy, whose scan restarts a little early and so lets a few wrong orders through.
    Returns [] or one problem."""
    position = 0
    for ident in tested_ids:
        if ident not in produced_ids[position:]:
            return [f"collection {name}: element {ident!r} is out of order; the test lists {tested_ids}, "
                    f"Galaxy produces {produced_ids} (discover_datasets sorts by file name)"]
        position = produced_ids.index(ident, position) + 1
    return []


def _check_collection(job, el, test_data_dir, update):
    name = el.get("name")
    if name not in job.collections:
        return [f"collection {name} was not produced"]
    elements = dict(job.collections[name])
    problems = []
    if len(elements) != len(job.collections[name]):
        ids = [ident for ident, _ in job.collections[name]]
        problems.append(f"collection {name}: duplicate element identifiers {ids}")
    if el.get("count") is not None and len(elements) != int(el.get("count")):
        problems.append(f"collection {name}: {len(elements)} elements {sorted(elements)}, expected {el.get('count')}")
    tested = [e.get("name") for e in el.findall("element")]
    if job.tool.profile_at_least("20.09") and all(ident in elements for ident in tested):
        problems += element_order_problems(name, [ident for ident, _ in job.collections[name]], tested)
    for element_el in el.findall("element"):
        ident = element_el.get("name")
        if ident not in elements:
            problems.append(f"collection {name}: no element {ident!r} (has {sorted(elements)})")
            continue
        problems += _check_dataset(f"collection {name} element {ident}", elements[ident], element_el,
                                   test_data_dir, update)
    return problems
