"""Galaxy's output checks: whole-file comparisons (compare="diff|sim_size|contains|re_match")
and the <assert_contents>/<assert_stdout>/<assert_stderr>/<assert_command> assertions.

Every check returns a list of failure messages (empty = passed). An assertion the harness
does not know is a failure, never a silent pass.
"""
import io
import json
import re
import struct
import zipfile
import xml.etree.ElementTree as ET


def compare_files(actual_path, expected_path, el):
    mode = el.get("compare", "diff")
    with open(actual_path, "rb") as fh:
        actual = fh.read()
    with open(expected_path, "rb") as fh:
        expected = fh.read()
    if mode == "diff":
        return _diff(actual, expected, int(el.get("lines_diff", "0")), expected_path)
    if mode == "sim_size":
        delta = int(el.get("delta", "10000"))
        problems = []
        if abs(len(actual) - len(expected)) > delta:
            problems.append(f"sim_size: {len(actual)} bytes, expected {len(expected)} ± {delta}")
        if el.get("delta_frac") is not None:
            frac = float(el.get("delta_frac"))
            if abs(len(actual) - len(expected)) > frac * len(expected):
                problems.append(f"sim_size: {len(actual)} bytes, expected {len(expected)} ± {frac:.0%}")
        return problems
    if mode == "contains":
        missing = [l for l in expected.decode().splitlines() if l not in actual.decode()]
        return [f"contains: line not found: {missing[0]!r}"] if missing else []
    if mode == "re_match":
        return _re_lines(actual.decode(), expected.decode(), int(el.get("lines_diff", "0")))
    return [f"compare mode {mode!r} not supported by the harness"]


def _diff(actual, expected, lines_diff, expected_path):
    a = actual.decode("utf-8", "replace").splitlines()
    e = expected.decode("utf-8", "replace").splitlines()
    differing = sum(1 for x, y in zip(a, e) if x != y) * 2 + abs(len(a) - len(e))
    if differing > lines_diff:
        first = next((i for i, (x, y) in enumerate(zip(a, e)) if x != y), min(len(a), len(e)))
        got = a[first] if first < len(a) else "<end of file>"
        want = e[first] if first < len(e) else "<end of file>"
        return [f"diff against {expected_path}: {differing} lines differ (allowed {lines_diff}); "
                f"line {first + 1}: got {got!r}, expected {want!r}"]
    return []


def _re_lines(actual, expected, lines_diff):
    a, e = actual.splitlines(), expected.splitlines()
    if len(a) != len(e):
        return [f"re_match: {len(a)} lines, expected {len(e)}"]
    bad = [i for i, (x, y) in enumerate(zip(a, e)) if not re.match(y + r"\Z", x)]
    return [f"re_match: line {bad[0] + 1} {a[bad[0]]!r} does not match {e[bad[0]]!r}"] if len(bad) > lines_diff else []


def check_assertions(data, assertions_el):
    """Runs every assertion element under `assertions_el` on `data` (bytes)."""
    problems = []
    for el in assertions_el:
        if isinstance(el.tag, str):
            problems += _assert(data, el)
    return problems


def _size(text):
    text = str(text).strip()
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    if text and text[-1].lower() in units:
        return int(float(text[:-1]) * units[text[-1].lower()])
    return int(float(text))


def _count_ok(count, el, what):
    """Galaxy's n/delta/min/max for counting assertions."""
    n, delta = el.get("n"), _size(el.get("delta", "0"))
    lo, hi = el.get("min"), el.get("max")
    if n is not None and abs(count - _size(n)) > delta:
        return [f"{what}: found {count}, expected {n} ± {delta}"]
    if lo is not None and count < _size(lo):
        return [f"{what}: found {count}, expected at least {lo}"]
    if hi is not None and count > _size(hi):
        return [f"{what}: found {count}, expected at most {hi}"]
    return []


def _negatable(el, problems, positive_description):
    if el.get("negate", "false").lower() == "true":
        return [] if problems else [f"negated {positive_description} held"]
    return problems


def _assert(data, el):
    tag = el.tag
    text = data.decode("utf-8", "replace")
    if tag == "has_text":
        needle = el.get("text")
        if any(el.get(k) is not None for k in ("n", "min", "max")):
            problems = _count_ok(text.count(needle), el, f"has_text {needle!r}")
        else:
            problems = [] if needle in text else [f"has_text: {needle!r} not found"]
        return _negatable(el, problems, f"has_text {needle!r}")
    if tag == "not_has_text":
        needle = el.get("text")
        return [f"not_has_text: {needle!r} found"] if needle in text else []
    if tag == "has_text_matching":
        pattern = el.get("expression")
        if any(el.get(k) is not None for k in ("n", "min", "max")):
            problems = _count_ok(len(re.findall(pattern, text)), el, f"has_text_matching {pattern!r}")
        else:
            problems = [] if re.search(pattern, text) else [f"has_text_matching: no match for {pattern!r}"]
        return _negatable(el, problems, f"has_text_matching {pattern!r}")
    if tag == "has_line":
        line = el.get("line")
        lines = text.splitlines()
        if any(el.get(k) is not None for k in ("n", "min", "max")):
            problems = _count_ok(lines.count(line), el, f"has_line {line!r}")
        else:
            problems = [] if line in lines else [f"has_line: no line equal to {line!r}"]
        return _negatable(el, problems, f"has_line {line!r}")
    if tag == "has_line_matching":
        pattern = el.get("expression")
        matching = [l for l in text.splitlines() if re.match(pattern + r"\Z", l)]
        if any(el.get(k) is not None for k in ("n", "min", "max")):
            problems = _count_ok(len(matching), el, f"has_line_matching {pattern!r}")
        else:
            problems = [] if matching else [f"has_line_matching: no line matches {pattern!r}"]
        return _negatable(el, problems, f"has_line_matching {pattern!r}")
    if tag == "has_n_lines":
        return _negatable(el, _count_ok(len(text.splitlines()), el, "has_n_lines"), "has_n_lines")
    if tag == "has_n_columns":
        sep = el.get("sep", "\t")
        comment = el.get("comment", "")
        first = next((l for l in text.splitlines() if not (comment and l.startswith(tuple(comment)))), "")
        return _negatable(el, _count_ok(len(first.split(sep)), el, "has_n_columns"), "has_n_columns")
    if tag == "has_size":
        if el.get("value") is not None or el.get("size") is not None:
            el = _with(el, n=el.get("value", el.get("size")))
        return _negatable(el, _count_ok(len(data), el, "has_size"), "has_size")
    if tag in ("has_image_width", "has_image_height"):
        dims = _image_size(data)
        if dims is None:
            return [f"{tag}: not a PNG or SVG image"]
        value = dims[0] if tag == "has_image_width" else dims[1]
        el = _with(el, n=el.get("width", el.get("height")))
        return _negatable(el, _count_ok(int(value), el, tag), tag)
    if tag == "has_archive_member":
        return _archive_member(data, el)
    if tag in ("has_json_property_with_value", "has_json_property_with_text"):
        return _json_property(text, el)
    if tag in ("has_element_with_path", "has_n_elements_with_path"):
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            return [f"{tag}: not XML ({e})"]
        found = root.findall(el.get("path"))
        if tag == "has_element_with_path":
            return _negatable(el, [] if found else [f"{tag}: no element at {el.get('path')}"], tag)
        return _negatable(el, _count_ok(len(found), el, tag), tag)
    return [f"assertion <{tag}> not supported by the harness"]


def _with(el, **attrs):
    copy = ET.Element(el.tag, dict(el.attrib))
    copy.extend(list(el))
    for k, v in attrs.items():
        if v is not None:
            copy.set(k, v)
    return copy


def _image_size(data):
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    if root.tag.endswith("svg"):
        def number(v):
            m = re.match(r"[\d.]+", v or "")
            return float(m.group(0)) if m else None
        return number(root.get("width")), number(root.get("height"))
    return None


def _archive_member(data, el):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["has_archive_member: not a zip archive"]
    pattern = el.get("path")
    members = [n for n in archive.namelist() if re.match(pattern + r"\Z", n)]
    if not members:
        problems = [f"has_archive_member: no member matches {pattern!r} (members: {archive.namelist()})"]
        return _negatable(el, problems, "has_archive_member")
    problems = []
    for child in el:
        if isinstance(child.tag, str):
            problems += _assert(archive.read(members[0]), child)
    return _negatable(el, problems, "has_archive_member")


def _json_property(text, el):
    try:
        doc = json.loads(text)
    except ValueError as e:
        return [f"{el.tag}: not JSON ({e})"]
    prop = el.get("property")
    found = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == prop:
                    found.append(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(doc)
    if el.tag == "has_json_property_with_value":
        want = json.loads(el.get("value"))
        return [] if want in found else [f"{el.tag}: {prop} = {found}, expected {want}"]
    want = el.get("text")
    return [] if any(isinstance(v, str) and v == want for v in found) else [f"{el.tag}: {prop} = {found}, expected {want!r}"]
