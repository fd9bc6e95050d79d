"""One tool wrapper and one job of it, run the way a Galaxy job runner would:

inputs staged as dataset_N.dat files (BAMs get a separate index file as bam_index
metadata), the <command> rendered by Cheetah with the wrapped parameters, its lines
stripped and joined with spaces, `set -e` in front (profile >= 20.09), run by bash in a
fresh working directory, exit codes judged by <stdio>, outputs taken from their paths,
from_work_dir, <filter>, <change_format> and <discover_datasets>.
"""
import os
import re
import shutil
import subprocess

from Cheetah.Template import Template

from . import macros
from .params import Dataset, Inputs

# The extensions Galaxy would sniff for the files our tests use.
EXT_BY_SUFFIX = {".bam": "bam", ".bed": "bed", ".tsv": "tabular", ".tabular": "tabular",
                 ".csv": "csv", ".zip": "zip", ".png": "png", ".svg": "svg", ".json": "json",
                 ".txt": "txt", ".gtf": "gtf", ".gff3": "gff3", ".html": "html"}


def guess_ext(filename):
    for suffix, ext in EXT_BY_SUFFIX.items():
        if filename.endswith(suffix):
            return ext
    return "data"


class ToolError(Exception):
    pass


class Tool:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.dir = os.path.dirname(self.path)
        self.root = macros.load_tool(self.path)
        self.id = self.root.get("id")
        self.name = self.root.get("name")
        self.version = self.root.get("version")
        self.profile = self.root.get("profile", "16.01")
        self.command_el = self.root.find("command")
        self.inputs = Inputs(self.root.find("inputs"))
        self.outputs_el = self.root.find("outputs")

    def outputs(self):
        """(name, element, kind) for every <data> and <collection> output."""
        if self.outputs_el is None:
            return []
        return [(o.get("name"), o, o.tag) for o in self.outputs_el if o.tag in ("data", "collection")]

    def output_names(self):
        return [name for name, _, _ in self.outputs()]

    def tests(self):
        tests_el = self.root.find("tests")
        return [] if tests_el is None else tests_el.findall("test")

    def profile_at_least(self, version):
        def key(v):
            return tuple(int(x) for x in re.findall(r"\d+", v))
        return key(self.profile) >= key(version)


class Job:
    """One run of `tool` in `job_dir` with a request (nested raw values, datasets staged)."""

    def __init__(self, tool, job_dir, env):
        self.tool, self.job_dir, self.env = tool, job_dir, env
        self.working = os.path.join(job_dir, "working")
        self.inputs_dir = os.path.join(job_dir, "inputs")
        self.outputs_dir = os.path.join(job_dir, "outputs")
        for d in (self.working, self.inputs_dir, self.outputs_dir):
            os.makedirs(d, exist_ok=True)
        self._next_id = 1
        self.command_line = None
        self.exit_code = None
        self.stdout = self.stderr = ""
        self.failed_reason = None
        self.produced = {}     # output name -> Dataset
        self.collections = {}  # output name -> list of (element identifier, Dataset)

    # -- staging -----------------------------------------------------------------
    def stage(self, source_path, ext=None, identifier=None):
        """Copies a file in as Galaxy would hold it: dataset_N.dat, no telling extension."""
        if not os.path.exists(source_path):
            raise ToolError(f"input file not found: {source_path}")
        n = self._take_id()
        staged = os.path.join(self.inputs_dir, f"dataset_{n}.dat")
        shutil.copyfile(source_path, staged)
        ext = ext or guess_ext(source_path)
        metadata = {}
        if ext == "bam":
            index = os.path.join(self.inputs_dir, f"metadata_{n}.dat")
            done = subprocess.run(["samtools", "index", "-b", staged, index], capture_output=True, text=True)
            if done.returncode != 0:
                raise ToolError(f"samtools index {source_path}: {done.stderr.strip()}")
            metadata["bam_index"] = index
        return Dataset(staged, ext, identifier or os.path.basename(source_path), metadata)

    def _take_id(self):
        n = self._next_id
        self._next_id += 1
        return n

    # -- running -------------------------------------------------------------------
    def run(self, request):
        """Validates `request`, renders the command, runs it. Raises ParamError if Galaxy would refuse."""
        values = self.tool.inputs.validate(request)
        self.values = values
        context = self.tool.inputs.wrap(values)
        active = self._active_outputs(values)
        output_datasets = {}
        for name, el, kind in self.tool.outputs():
            if kind == "data":
                path = os.path.join(self.outputs_dir, f"dataset_{self._take_id()}.dat")
                output_datasets[name] = Dataset(path, self._output_format(el, values, context), name)
        context.update(output_datasets)
        context.update({"__tool_directory__": self.tool.dir, "__new_file_path__": self.job_dir,
                        "on_string": "test data", "tool": self.tool})
        self.command_line = render_command(self.tool, context)
        script = os.path.join(self.job_dir, "tool_script.sh")
        with open(script, "w") as fh:
            if self.tool.profile_at_least("20.09"):
                fh.write("set -e\n")
            fh.write(self.command_line + "\n")
        done = subprocess.run(["bash", script], cwd=self.working, env=self.env,
                              capture_output=True, text=True)
        self.exit_code, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        self.failed_reason = self._judge_exit()
        self._collect(active, output_datasets, values, context)

    def deprecation_warnings(self):
        """The tools' one-line notices for old option spellings: a wrapper must use the new ones."""
        return [line for line in self.stderr.splitlines() if "is deprecated; use" in line]

    def _active_outputs(self, values):
        active = set()
        for name, el, _ in self.tool.outputs():
            keep = True
            for f in el.findall("filter"):
                try:
                    keep = keep and bool(eval(f.text.strip(), {}, dict(values)))
                except Exception as e:  # Galaxy also treats a broken filter as "keep", with a warning
                    raise ToolError(f"output {name}: filter {f.text.strip()!r} failed: {e}")
            if keep:
                active.add(name)
        return active

    def _output_format(self, el, values, context):
        fmt = el.get("format", "data")
        if el.get("format_source"):
            source = context.get(el.get("format_source"))
            fmt = getattr(source, "ext", fmt)
        change = el.find("change_format")
        if change is not None:
            for when in change.findall("when"):
                value = _lookup(values, when.get("input"))
                if str(value) == when.get("value"):
                    fmt = when.get("format")
                    break
        return fmt

    def _judge_exit(self):
        stdio = self.tool.root.find("stdio")
        codes = stdio.findall("exit_code") if stdio is not None else []
        if not codes:
            return f"exit code {self.exit_code}" if self.exit_code != 0 else None
        for rule in codes:
            lo, _, hi = rule.get("range").partition(":") if ":" in rule.get("range") else (rule.get("range"), "", rule.get("range"))
            lo = int(lo) if lo else -10 ** 9
            hi = int(hi) if hi else 10 ** 9
            if lo <= self.exit_code <= hi and rule.get("level", "fatal") in ("fatal", "fatal_oom"):
                return f"exit code {self.exit_code}: {rule.get('description', 'fatal')}"
        return None

    def _collect(self, active, output_datasets, values, context):
        for name, el, kind in self.tool.outputs():
            if name not in active:
                continue
            if kind == "data":
                dataset = output_datasets[name]
                if el.get("from_work_dir"):
                    source = os.path.join(self.working, el.get("from_work_dir"))
                    if os.path.exists(source):
                        shutil.move(source, dataset.file_name)
                if not os.path.exists(dataset.file_name):
                    open(dataset.file_name, "w").close()  # Galaxy keeps an empty dataset
                self.produced[name] = dataset
            else:
                self.collections[name] = self._discover(el)

    def _discover(self, el):
        elements = []
        for rule in el.findall("discover_datasets"):
            directory = os.path.join(self.working, rule.get("directory", ""))
            pattern = rule.get("pattern", "__designation__")
            regex = {"__name_and_ext__": r"(?P<name>.*)\.(?P<ext>[^\.]+)?",
                     "__designation_and_ext__": r"(?P<designation>.*)\.(?P<ext>[^\._]+)?",
                     "__designation__": r"(?P<designation>.*)",
                     "__name__": r"(?P<name>.*)"}.get(pattern, pattern)
            if not os.path.isdir(directory):
                continue
            matches = []
            for filename in os.listdir(directory):
                m = re.match(regex + r"\Z", filename)
                if m:
                    groups = m.groupdict()
                    matches.append({"filename": filename, "name": groups.get("name"),
                                    "designation": groups.get("designation") or groups.get("name"),
                                    "ext": groups.get("ext"), "dbkey": groups.get("dbkey")})
            for match in sort_matches(matches, rule.get("sort_by", "filename")):
                identifier = match["designation"]
                # Galaxy: the pattern's ext group first, then the rule's ext/format.
                ext = match["ext"] or rule.get("ext") or rule.get("format") or "data"
                path = os.path.join(self.outputs_dir, f"dataset_{self._take_id()}.dat")
                shutil.move(os.path.join(directory, match["filename"]), path)
                elements.append((identifier, Dataset(path, ext, identifier)))
        return elements


def sort_matches(matches, sort_by="filename"):
    """Orders discovered files as Galaxy's discover_datasets does: sort_by is
    [reverse_][lexical_|numeric_](filename|name|designation|dbkey), default lexical by file
    name; the element order of the collection follows it."""
    reverse = sort_by.startswith("reverse_")
    if reverse:
        sort_by = sort_by[len("reverse_"):]
    comparison, _, key = sort_by.partition("_") if "_" in sort_by else ("lexical", "", sort_by)
    if comparison not in ("lexical", "numeric") or key not in ("filename", "name", "designation", "dbkey"):
        raise ToolError(f"discover_datasets: sort_by {sort_by!r} is not one Galaxy knows")
    if comparison == "numeric":
        return sorted(matches, key=lambda m: int(m[key]), reverse=reverse)
    return sorted(matches, key=lambda m: m[key] or "", reverse=reverse)


def render_command(tool, context):
    """Cheetah fill as Galaxy does, then Galaxy's clean-up: strip each line, join with spaces."""
    source = tool.command_el.text or ""
    filled = str(Template(source=source, searchList=[context]))
    lines = [line.strip() for line in filled.split("\n")]
    return " ".join(line for line in lines if line).replace("\r", " ").strip()


def _lookup(values, dotted):
    node = values
    for part in re.split(r"[|.]", dotted):
        node = node.get(part) if isinstance(node, dict) else None
    return node
