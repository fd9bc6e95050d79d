"""Galaxy workflow (.ga) checks and a step-by-step run of its planemo test description.

Structure: every tool step names a wrapper of galaxy/ at its version, every connection
names a data input of that wrapper and an output of the source step, every workflow
output exists, the test job names the workflow's inputs and its outputs.
Run: steps in id order (Galaxy's order; connections point backwards), each step's
tool_state plus its connections made into a request and run through the same Job path
as the tool tests; the outputs named by the test are then checked with Galaxy's asserts.
"""
import json
import os
import time
import xml.etree.ElementTree as ET

import yaml

from . import asserts
from .params import Param, ParamError
from .tool import Job, ToolError


def load(ga_path):
    with open(ga_path) as fh:
        ga = json.load(fh)
    steps = [ga["steps"][k] for k in sorted(ga["steps"], key=int)]
    return ga, steps


def _state(step):
    state = step.get("tool_state") or "{}"
    return json.loads(state) if isinstance(state, str) else state


def _connections(step):
    """(input path, source step id, source output name) for each connection of a step."""
    for path, conn in (step.get("input_connections") or {}).items():
        for c in (conn if isinstance(conn, list) else [conn]):
            yield path, int(c["id"]), c["output_name"]


def check_structure(ga_path, tools):
    problems = []
    try:
        ga, steps = load(ga_path)
    except (ValueError, KeyError) as e:
        return [f"cannot read {ga_path}: {e}"]
    if ga.get("a_galaxy_workflow") != "true" or "format-version" not in ga:
        problems.append("not a Galaxy workflow (a_galaxy_workflow / format-version missing)")
    by_id = {int(s["id"]): s for s in steps}
    for step in steps:
        sid = int(step["id"])
        where = f"step {sid} ({step.get('label') or step.get('name')})"
        if step["type"] in ("data_input", "parameter_input"):
            if not step.get("label"):
                problems.append(f"{where}: input step without a label")
            continue
        if step["type"] != "tool":
            problems.append(f"{where}: step type {step['type']} not supported")
            continue
        tool = tools.get(step.get("tool_id"))
        if tool is None:
            problems.append(f"{where}: tool id {step.get('tool_id')} is not a wrapper in galaxy/")
            continue
        if step.get("tool_version") != tool.version:
            problems.append(f"{where}: tool_version {step.get('tool_version')} but the wrapper is {tool.version}")
        known = {item.name for item in tool.inputs.items}
        for key in _state(step):
            if not key.startswith("__") and key not in known and key != "chromInfo":
                problems.append(f"{where}: tool_state names {key!r}, not an input of {tool.id}")
        for path, source_id, output_name in _connections(step):
            param = tool.inputs.find(path)
            if source_id >= sid or source_id not in by_id:
                problems.append(f"{where}: connection from step {source_id}, which is not an earlier step")
                continue
            source = by_id[source_id]
            if param is None or not isinstance(param, Param):
                problems.append(f"{where}: connection to {path!r}, not an input of {tool.id}")
            elif source["type"] == "parameter_input":
                kind = _state(source).get("parameter_type")
                if param.type != kind:
                    problems.append(f"{where}: {kind} parameter connected to {path!r}, a {param.type} input")
            elif param.type != "data":
                problems.append(f"{where}: dataset connected to {path!r}, a {param.type} input")
            if source["type"] in ("data_input", "parameter_input"):
                if output_name != "output":
                    problems.append(f"{where}: input step {source_id} has only the output 'output', not {output_name!r}")
            else:
                source_tool = tools.get(source.get("tool_id"))
                if source_tool and output_name not in source_tool.output_names():
                    problems.append(f"{where}: step {source_id} ({source_tool.id}) has no output {output_name!r}")
        connected = {path for path, _, _ in _connections(step)}
        for path in _connected_values(_state(step)):
            if path not in connected:
                problems.append(f"{where}: {path!r} expects a connection but has none")
        for out in step.get("workflow_outputs") or []:
            if out["output_name"] not in tool.output_names():
                problems.append(f"{where}: workflow output {out['output_name']!r} is not an output of {tool.id}")
        for out in step.get("outputs") or []:
            if out["name"] not in tool.output_names():
                problems.append(f"{where}: declared output {out['name']!r} is not an output of {tool.id}")
    return problems


def _connected_values(node, prefix=""):
    """The '|' paths of ConnectedValue markers in a tool_state (repeat blocks as name_N)."""
    if isinstance(node, dict):
        if node.get("__class__") == "ConnectedValue":
            yield prefix.rstrip("|")
            return
        for key, value in node.items():
            if isinstance(value, list):
                for i, block in enumerate(value):
                    yield from _connected_values(block, f"{prefix}{key}_{i}|")
            else:
                yield from _connected_values(value, f"{prefix}{key}|")


def _set_path(request, path, value):
    """Sets 'marks_0|reads' style paths in a nested request."""
    node = request
    parts = path.split("|")
    for part in parts[:-1]:
        head, _, index = part.rpartition("_")
        if head and index.isdigit() and isinstance(node.get(head), list):
            node = node[head][int(index)]
        else:
            node = node.setdefault(part, {})
    node[parts[-1]] = value


def _strip_connected(node):
    """ConnectedValue/RuntimeValue markers become None until the connection fills them."""
    if isinstance(node, dict):
        if node.get("__class__") in ("ConnectedValue", "RuntimeValue"):
            return None
        return {k: _strip_connected(v) for k, v in node.items() if not k.startswith("__") or k == "__current_case__"}
    if isinstance(node, list):
        return [_strip_connected(v) for v in node]
    return node


def _assert_elements(spec):
    """planemo's asserts (list of {that: has_text, text: ...} or {has_text: {...}}) as XML elements."""
    root = ET.Element("assert_contents")
    items = []
    if isinstance(spec, list):
        items = [(a["that"], {k: v for k, v in a.items() if k != "that"}) for a in spec]
    elif isinstance(spec, dict):
        for name, attrs in spec.items():
            for one in (attrs if isinstance(attrs, list) else [attrs]):
                items.append((name, one or {}))
    for name, attrs in items:
        ET.SubElement(root, name, {k: str(v) for k, v in attrs.items()})
    return root


def run_tests(ga_path, tests_path, tools, work_root, env):
    """Yields (label, problems, seconds) per test of the planemo test file."""
    ga, steps = load(ga_path)
    with open(tests_path) as fh:
        cases = yaml.safe_load(fh)
    base = os.path.dirname(tests_path)
    for index, case in enumerate(cases):
        started = time.time()
        label = f"test {index + 1} ({case.get('doc', 'no doc')})"
        try:
            problems = _run_case(ga, steps, case, base, tools, os.path.join(work_root, f"workflow_{index + 1}"), env)
        except (ParamError, ToolError, KeyError) as e:
            problems = [f"{type(e).__name__}: {e}"]
        yield label, problems, time.time() - started


def _run_case(ga, steps, case, base, tools, job_root, env):
    problems = []
    produced = {}  # (step id, output name) -> Dataset
    labelled = {}  # workflow output label -> Dataset
    job_inputs = case.get("job") or {}
    input_labels = {s.get("label") for s in steps if s["type"] in ("data_input", "parameter_input")}
    for key in job_inputs:
        if key not in input_labels:
            problems.append(f"job names {key!r}, not an input of the workflow ({sorted(input_labels)})")
    staging_job = None
    for step in steps:
        sid = int(step["id"])
        if step["type"] == "parameter_input":
            value = job_inputs.get(step["label"], _state(step).get("default"))
            if value is None:
                return problems + [f"the test job gives no value for parameter {step['label']!r}"]
            produced[(sid, "output")] = value
            continue
        if step["type"] == "data_input":
            spec = job_inputs.get(step["label"])
            if spec is None:
                return problems + [f"the test job gives no dataset for input {step['label']!r}"]
            if staging_job is None:
                staging_job = Job(_any_tool(tools), os.path.join(job_root, "inputs"), env)
            path = os.path.normpath(os.path.join(base, spec["path"]))
            produced[(sid, "output")] = staging_job.stage(path, spec.get("filetype"), os.path.basename(path))
            continue
        tool = tools[step["tool_id"]]
        job = Job(tool, os.path.join(job_root, f"step_{sid}_{tool.id}"), env)
        request = _strip_connected(_state(step))
        for path, source_id, output_name in _connections(step):
            source = produced.get((source_id, output_name))
            if source is None:
                return problems + [f"step {sid}: input {path} comes from step {source_id} "
                                   f"output {output_name}, which was not produced"]
            if not hasattr(source, "file_name"):  # a parameter value
                _set_path(request, path, source)
            else:
                _set_path(request, path, job.stage(source.file_name, source.ext, source.element_identifier))
        job.run(request)
        if job.failed_reason:
            return problems + [f"step {sid} ({tool.id}) failed: {job.failed_reason}: {job.stderr.strip()[-600:]}",
                               f"command: {job.command_line}"]
        problems += [f"step {sid} ({tool.id}) uses an old option spelling: {w}" for w in job.deprecation_warnings()]
        for name, dataset in job.produced.items():
            produced[(sid, name)] = dataset
        for out in step.get("workflow_outputs") or []:
            if out.get("label") and out["output_name"] in job.produced:
                labelled[out["label"]] = job.produced[out["output_name"]]
            elif out.get("label") and out["output_name"] in job.collections:
                labelled[out["label"]] = dict(job.collections[out["output_name"]])
    for label, spec in (case.get("outputs") or {}).items():
        if label not in labelled:
            problems.append(f"workflow output {label!r} was not produced (have {sorted(labelled)})")
            continue
        value = labelled[label]
        if isinstance(value, dict):  # a collection: element_tests per element identifier
            for ident, element_spec in (spec.get("element_tests") or {}).items():
                if ident not in value:
                    problems.append(f"output {label}: no element {ident!r} (has {sorted(value)})")
                    continue
                problems += _check(f"output {label} element {ident}", value[ident], element_spec, base)
        else:
            problems += _check(f"output {label}", value, spec, base)
    return problems


def _check(label, dataset, spec, base):
    problems = []
    if not isinstance(spec, dict):
        return [f"{label}: test description must be a mapping"]
    if spec.get("ftype") and dataset.ext != spec["ftype"]:
        problems.append(f"{label}: format {dataset.ext}, expected {spec['ftype']}")
    if spec.get("file"):
        expected = os.path.normpath(os.path.join(base, spec["file"]))
        el = ET.Element("output", {k: str(v) for k, v in spec.items() if k in ("compare", "delta", "lines_diff")})
        problems += [f"{label}: {p}" for p in asserts.compare_files(dataset.file_name, expected, el)]
    if spec.get("asserts"):
        with open(dataset.file_name, "rb") as fh:
            data = fh.read()
        problems += [f"{label}: {p}" for p in asserts.check_assertions(data, _assert_elements(spec["asserts"]))]
    return problems


def _any_tool(tools):
    return next(iter(tools.values()))
