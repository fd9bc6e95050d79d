#!/usr/bin/env python3
"""Checks every pipeline module against the nf-core module conventions the pipeline keeps:

  check_modules.py [MODULES_DIR [MODULES_CONFIG]]   (default: nextflow/modules, nextflow/conf/modules.config)

- main.nf has `when: task.ext.when == null || task.ext.when` (a config can switch it off);
- meta.yml beside it, as nf-core/modules writes them: name (the process name in lower case),
  description, keywords, tools (each with description, homepage and licence), authors; every
  input channel and its elements in order, every output channel by its emit name with its
  elements (a path output's key is its pattern with ${...} read as *), each with a type and
  a description;
- a module that runs a deepchrome tool passes `--threads ${task.cpus}` in its own script, and
  conf/modules.config sets no --threads (an ext.args override would drop it);
- a tool module's container is the fully qualified localhost/deepchrome/<tool>:<version>, and
  modules.config moves it to ${params.container_registry}/<tool>:<version>.
Prints one line per problem and a count line; exits 1 when there is a problem."""
import re
import sys
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("check_modules: the python3 yaml module is missing (apt-get install python3-yaml)")

root = Path(__file__).resolve().parents[2]
modules_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "nextflow/modules"
modules_config = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "nextflow/conf/modules.config"
problems = []
SECTIONS = ("input", "output", "when", "script", "shell", "exec", "stub")


def sections(text):
    """The process body's sections (input:, output:, when:, script:, ...) as name -> lines."""
    found = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.endswith(":") and stripped[:-1] in SECTIONS:
            current = stripped[:-1]
            found[current] = []
        elif stripped.startswith("def ") and not line.startswith(" "):
            current = None  # a top-level helper function after the process
        elif current:
            found[current].append(stripped)
    return found


def split_top_level(text):
    """Splits on commas that are not inside parentheses or quotes."""
    parts, depth, quote, current = [], 0, None, ""
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def element_name(element):
    """val(meta) -> meta; path(reads, stageAs: ...) -> reads; path("${prefix}.zip") -> *.zip."""
    match = re.match(r"^(val|path|env|stdout)\s*\(?\s*(.*?)\)?$", element)
    if not match:
        return None
    argument = split_top_level(match.group(2))[0] if match.group(2) else match.group(1)
    if argument[:1] in "\"'":
        return re.sub(r"\$\{[^}]*\}", "*", argument[1:-1])
    return argument


def channels(lines):
    """Declared channels: [(emit name or None, [element names])]."""
    result = []
    for line in lines:
        line = line.split("//", 1)[0].strip()
        if not line:
            continue
        emit = None
        match = re.search(r",\s*emit:\s*(\w+)\s*$", line)
        if match:
            emit = match.group(1)
            line = line[: match.start()]
        line = re.sub(r",\s*(optional|topic):\s*\S+", "", line)
        if line.startswith("tuple "):
            elements = split_top_level(line[len("tuple "):])
        else:
            elements = [line]
        result.append((emit, [element_name(element) for element in elements]))
    return result


def yaml_elements(entries, where):
    """[{name: {type, description, ...}}, ...] -> names, checking each has a type and description."""
    names = []
    for entry in entries or []:
        if not isinstance(entry, dict) or len(entry) != 1:
            problems.append(f"{where}: an element is not a single-key map: {entry!r}")
            continue
        (name, spec), = entry.items()
        names.append(name)
        for key in ("type", "description"):
            if not (spec or {}).get(key):
                problems.append(f"{where}: element {name} has no {key}")
    return names


def check_module(folder, config_text):
    main = folder / "main.nf"
    if not main.exists():
        problems.append(f"{folder}: no main.nf")
        return
    text = main.read_text(encoding="utf-8")
    process = re.search(r"^process\s+(\w+)\s*\{", text, re.M)
    if not process:
        problems.append(f"{main}: no process")
        return
    name = process.group(1)
    body = sections(text)
    if [line for line in body.get("when", []) if line] != ["task.ext.when == null || task.ext.when"]:
        problems.append(f"{main}: no `when: task.ext.when == null || task.ext.when`")

    script = "\n".join(body.get("script", []))
    tool = re.search(r"^(deepchrome-[a-z-]+) \\", script, re.M)
    if tool:
        if "--threads ${task.cpus}" not in script:
            problems.append(f"{main}: runs {tool.group(1)} without `--threads ${{task.cpus}}` in its script")
        short = tool.group(1)[len("deepchrome-"):]
        container = re.search(r'^\s*container\s+"([^"]+)"', text, re.M)
        version = re.fullmatch(rf"localhost/deepchrome/{short}:([0-9][^\s/]*)", container.group(1)) if container else None
        if not version:
            problems.append(f"{main}: container is not localhost/deepchrome/{short}:<version>")
        else:
            wanted = f"withName: '{name}' {{ container = \"${{params.container_registry}}/{short}:{version.group(1)}\" }}"
            if not re.search(r"withName:\s*'" + name + r"'\s*\{\s*container = \"\$\{params\.container_registry\}/"
                             + re.escape(f"{short}:{version.group(1)}") + r'"\s*\}', config_text):
                problems.append(f"{modules_config.name}: no `{wanted}`")

    meta_file = folder / "meta.yml"
    if not meta_file.exists():
        problems.append(f"{folder}: no meta.yml")
        return
    meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
    if meta.get("name") != name.lower():
        problems.append(f"{meta_file}: name is {meta.get('name')!r}, the process is {name} (expected {name.lower()!r})")
    for key in ("description", "keywords", "tools", "authors"):
        if not meta.get(key):
            problems.append(f"{meta_file}: no {key}")
    for entry in meta.get("tools") or []:
        for tool_name, spec in (entry or {}).items():
            for key in ("description", "homepage", "licence"):
                if not (spec or {}).get(key):
                    problems.append(f"{meta_file}: tool {tool_name} has no {key}")

    declared_inputs = [elements for _emit, elements in channels(body.get("input", []))]
    described_inputs = [yaml_elements(channel, f"{meta_file} input {i + 1}") for i, channel in enumerate(meta.get("input") or [])]
    if declared_inputs != described_inputs:
        problems.append(f"{meta_file}: inputs {described_inputs} differ from main.nf's {declared_inputs}")

    declared_outputs = channels(body.get("output", []))
    described_outputs = []
    for entry in meta.get("output") or []:
        (emit, elements), = entry.items()
        described_outputs.append((emit, yaml_elements(elements, f"{meta_file} output {emit}")))
    if declared_outputs != described_outputs:
        problems.append(f"{meta_file}: outputs {described_outputs} differ from main.nf's {declared_outputs}")


# The config without its comments: only settings count.
config_text = re.sub(r"/\*.*?\*/|//[^\n]*", "", modules_config.read_text(encoding="utf-8"), flags=re.S)
if "--threads" in config_text:
    problems.append(f"{modules_config}: sets --threads; each module passes --threads ${{task.cpus}} itself")
folders = sorted(path for path in modules_dir.iterdir() if path.is_dir())
if not folders:
    problems.append(f"{modules_dir}: no modules")
for folder in folders:
    check_module(folder, config_text)
for problem in problems:
    print(problem)
print(f"check_modules: {len(folders)} modules, {len(problems)} problems")
sys.exit(1 if problems else 0)
