"""Static checks of a wrapper against the IUC best practices that a schema cannot express.

Each check returns a list of problems (empty = fine).
"""
import io
import os
import re

from docutils.core import publish_string

from .params import Conditional, Param, all_params

IUC_ORDER = ["description", "macros", "edam_topics", "edam_operations", "parallelism", "requirements",
             "code", "stdio", "version_command", "command", "environment_variables", "configfiles",
             "inputs", "request_param_translation", "outputs", "tests", "help", "citations"]

# $name, ${name}, $a.b.c, ${a.b.c}: the Cheetah placeholders a command line can hold.
_PLACEHOLDER = re.compile(r"(?<!\\)\$\{?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\}?")


def check_tool(tool, raw_text, paper_doi):
    problems = []
    root = tool.root
    if not re.fullmatch(r"deepchrome_[a-z0-9_]+", tool.id or ""):
        problems.append(f"id {tool.id!r} lacks the suite prefix deepchrome_ or has characters outside [a-z0-9_]")
    if not re.search(r'version="@TOOL_VERSION@\+galaxy@VERSION_SUFFIX@"', raw_text):
        problems.append("version is not @TOOL_VERSION@+galaxy@VERSION_SUFFIX@")
    if not root.get("profile"):
        problems.append("no profile")
    order = [c.tag for c in root if c.tag in IUC_ORDER]
    if order != sorted(order, key=IUC_ORDER.index):
        problems.append(f"elements out of IUC order: {order}")
    command_raw = re.search(r"<command[^>]*>(.*?)</command>", raw_text, re.S)
    if not command_raw or "<![CDATA[" not in command_raw.group(1):
        problems.append("command is not in CDATA")
    help_raw = re.search(r"<help>(.*?)</help>", raw_text, re.S)
    if not help_raw or "<![CDATA[" not in help_raw.group(1):
        problems.append("help is not in CDATA")
    help_text = (root.findtext("help") or "")
    for heading in ("What it does", "Example"):
        if not re.search(heading + r"\n-+\n", help_text):
            problems.append(f"help lacks an RST section '{heading}'")
    problems += check_help_rst(tool, help_text)
    dois = [c.text.strip() for c in root.iter("citation") if c.get("type") == "doi"]
    if paper_doi not in dois:
        problems.append(f"no DOI citation {paper_doi}")
    container = root.find("requirements/container")
    if container is None:
        problems.append("no container requirement")
    elif not _fully_qualified(container.text or ""):
        problems.append(f"container {container.text!r} is not fully qualified: a bare name resolves to Docker Hub")
    if root.find("version_command") is None:
        problems.append("no version_command")
    tests = tool.tests()
    if not tests:
        problems.append("no <tests>")
    if not any(t.get("expect_failure") == "true" or t.get("expect_exit_code") not in (None, "0") for t in tests):
        problems.append("no test of an expected failure (expect_failure / expect_exit_code)")
    if "\\${GALAXY_SLOTS:-" not in (tool.command_el.text or ""):
        problems.append("threads are not taken from \\${GALAXY_SLOTS:-N}")
    problems += check_quoting(tool)
    for _, param in all_params(tool.inputs.items):
        if param.type in ("integer", "float") and param.el.get("min") is None and param.el.get("max") is None:
            problems.append(f"numeric param {param.name} has neither min nor max")
    return problems


def check_quoting(tool):
    """Every placeholder that resolves to a data or text value, or to an output, must sit
    inside single quotes ('$x', '${x.ext}', 'prefix:$x')."""
    top = {item.name: item for item in tool.inputs.items}
    outputs = set(tool.output_names())
    loop_vars = {}
    problems = []
    for number, line in enumerate((tool.command_el.text or "").split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("##"):
            continue
        if stripped.startswith("#"):
            # '#for $i, $m in enumerate($marks)': $m stands for one block of the repeat marks.
            m = re.match(r"#for\s+(.*?)\s+in\s+(?:enumerate\()?\$\{?(\w+)", stripped)
            if m and m.group(2) in top:
                loop_vars[m.group(1).split(",")[-1].strip().lstrip("$")] = top[m.group(2)]
            continue
        for match in _PLACEHOLDER.finditer(line):
            if _needs_quotes(match.group(1).split("."), top, outputs, loop_vars):
                if line[:match.start()].count("'") % 2 != 1:
                    problems.append(f"command line {number}: ${match.group(1)} is not single-quoted: {stripped}")
    return problems


def _needs_quotes(path, top, outputs, loop_vars):
    head = path[0]
    if head in outputs and head not in top:
        return True
    node = loop_vars.get(head) or top.get(head)
    for part in path[1:]:
        if node is None or isinstance(node, Param):
            break
        if isinstance(node, Conditional):
            children = [node.test_param] + [c for cs in node.whens.values() for c in cs]
        else:
            children = node.children
        node = next((c for c in children if c.name == part), None)
    return isinstance(node, Param) and node.type in ("data", "text")


def check_help_rst(tool, help_text):
    """The help must be valid reStructuredText (Galaxy renders it with docutils, as planemo lint
    checks), and every image it shows must exist in static/images next to the wrapper."""
    problems = []
    messages = io.StringIO()
    publish_string(help_text, writer_name="html",
                   settings_overrides={"warning_stream": messages, "report_level": 2, "halt_level": 5,
                                       "output_encoding": "unicode"})
    for line in messages.getvalue().splitlines():
        if "(WARNING/" in line or "(ERROR/" in line or "(SEVERE/" in line:
            problems.append(f"help RST: {line.strip()}")
    for image in re.findall(r"^\.\. image:: (\S+)", help_text, re.M):
        if not os.path.exists(os.path.join(tool.dir, "static", "images", image)):
            problems.append(f"help image {image} is not in static/images/")
    return problems


def _fully_qualified(image):
    """registry/namespace/name[:tag]: the first part names a host (has a dot or a port, or is
    localhost), as Docker and podman tell a registry from a Docker Hub namespace."""
    first = image.strip().split("/")[0]
    return "/" in image.strip() and ("." in first or ":" in first or first == "localhost")
