"""The tool's inputs as Galaxy models them, and the values Galaxy hands to Cheetah.

A request is a tree of raw values (dicts for sections and conditionals, lists of dicts
for repeats). `Inputs.validate` checks it the way Galaxy's form does (min/max, options,
validators, repeat counts) and fills defaults; `Inputs.wrap` turns it into the objects the
command template sees: datasets whose str() is the path, text sanitised, booleans as
their truevalue/falsevalue, selects as the chosen value.
"""
import re
import string

# galaxy.util: characters kept as they are in text parameters, the ones mapped to
# __xx__ names, and everything else replaced by 'X'.
VALID_CHARS = set(string.ascii_letters + string.digits + " -=_.()/+*^,:?!")
MAPPED_CHARS = {">": "__gt__", "<": "__lt__", "'": "__sq__", '"': "__dq__", "[": "__ob__",
                "]": "__cb__", "{": "__oc__", "}": "__cc__", "@": "__at__", "\n": "__cn__",
                "\r": "__cr__", "\t": "__tc__", "#": "__pd__"}
INVALID_CHAR = "X"


def sanitize(text):
    return "".join(c if c in VALID_CHARS else MAPPED_CHARS.get(c, INVALID_CHAR) for c in text)


# Galaxy's datatype hierarchy, as far as these wrappers meet it: a dataset of a subtype is
# accepted where its parent is asked for (a bed6 where format="bed").
DATATYPE_PARENT = {"bed6": "bed", "bed12": "bed", "bedstrict": "bed", "bed": "interval", "interval": "tabular",
                   "gtf": "gff", "gff3": "gff", "gff": "tabular", "csv": "txt", "tabular": "txt", "json": "txt",
                   "svg": "xml", "xml": "txt", "txt": "data", "bam": "data", "zip": "data", "png": "data"}


def is_subtype(ext, wanted):
    while ext is not None:
        if ext == wanted or wanted == "data":
            return True
        ext = DATATYPE_PARENT.get(ext)
    return False


class ParamError(Exception):
    """A value Galaxy's form would refuse (the job is never run)."""


def as_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "yes", "on", "1")


class Param:
    def __init__(self, el):
        self.el = el
        self.type = el.get("type")
        argument = el.get("argument")
        self.name = el.get("name") or (argument.lstrip("-") if argument else None)
        if not self.name:
            raise ParamError("a <param> has neither name nor argument")
        self.optional = as_bool(el.get("optional", "false"))
        self.label = el.get("label", self.name)

    # -- defaults and validation -------------------------------------------------
    def default(self):
        t, el = self.type, self.el
        if t == "boolean":
            return as_bool(el.get("checked", "false"))
        if t == "select":
            options = self.options()
            selected = [v for v, sel in options if sel]
            if as_bool(el.get("multiple", "false")):
                return selected
            if selected:
                return selected[0]
            return None if self.optional else (options[0][0] if options else None)
        if t in ("integer", "float"):
            value = el.get("value")
            if value in (None, ""):
                return None
            return self.convert(value)
        if t == "text":
            value = el.get("value")
            return None if (value in (None, "") and self.optional) else (value or "")
        if t == "hidden":
            return el.get("value", "")
        return None  # data: no default dataset

    def options(self):
        return [(o.get("value"), as_bool(o.get("selected", "false"))) for o in self.el.findall("option")]

    def convert(self, raw):
        """Turns a value given as text (test XML, workflow state) into the Python value."""
        t = self.type
        if raw is None:
            return None
        if t == "integer":
            return None if raw == "" else int(raw)
        if t == "float":
            return None if raw == "" else float(raw)
        if t == "boolean":
            return as_bool(raw)
        if t == "select" and as_bool(self.el.get("multiple", "false")) and isinstance(raw, str):
            return [v for v in raw.split(",") if v]
        return raw

    def validate(self, value):
        t, el = self.type, self.el
        if t == "data":
            if value is None and not self.optional:
                raise ParamError(f"{self.name}: a dataset is required")
            if value is not None:
                formats = [f.strip() for f in el.get("format", "data").split(",")]
                if not any(is_subtype(value.ext, f) for f in formats):
                    raise ParamError(f"{self.name}: format {value.ext} is not one of {formats}")
            return
        if t in ("integer", "float"):
            if value is None:
                if not self.optional:
                    raise ParamError(f"{self.name}: a value is required")
                return
            lo, hi = el.get("min"), el.get("max")
            if lo is not None and value < float(lo):
                raise ParamError(f"{self.name}: {value} is below the minimum {lo}")
            if hi is not None and value > float(hi):
                raise ParamError(f"{self.name}: {value} is above the maximum {hi}")
            return
        if t == "select":
            allowed = [v for v, _ in self.options()]
            values = value if isinstance(value, list) else ([] if value is None else [value])
            for v in values:
                if v not in allowed:
                    raise ParamError(f"{self.name}: '{v}' is not an option ({', '.join(allowed)})")
            if not values and not self.optional:
                raise ParamError(f"{self.name}: an option must be selected")
            return
        if t == "text":
            if value is None:
                return
            for validator in el.findall("validator"):
                self._check_validator(validator, value)

    def _check_validator(self, validator, value):
        vtype = validator.get("type")
        negate = as_bool(validator.get("negate", "false"))
        message = validator.get("message") or f"{self.name}: value '{value}' rejected by {vtype} validator"
        if vtype == "regex":
            ok = re.match("(?:" + validator.text + r")\Z", value) is not None
        elif vtype == "empty_field":
            ok = value != ""
        elif vtype == "length":
            lo, hi = validator.get("min"), validator.get("max")
            ok = (lo is None or len(value) >= int(lo)) and (hi is None or len(value) <= int(hi))
        else:
            raise ParamError(f"{self.name}: validator type {vtype} not supported by the harness")
        if ok == negate:
            raise ParamError(f"{self.name}: {message}")

    # -- what the command template sees -------------------------------------------
    def wrap(self, value):
        if self.type == "data":
            return value if value is not None else NoneDataset()
        if self.type == "select":
            return SelectWrapper(self, value)
        return InputValueWrapper(self, value)

    def filter_value(self, value):
        """The raw value output <filter> expressions see."""
        return value


class InputValueWrapper:
    """text/integer/float/boolean/hidden: str() is what Galaxy writes into the command."""

    def __init__(self, param, value):
        self.input, self.value = param, value

    def __str__(self):
        p, v = self.input, self.value
        if p.type == "boolean":
            return p.el.get("truevalue", "true") if v else p.el.get("falsevalue", "false")
        if v is None:
            return "None"
        if p.type == "text" and as_bool((p.el.find("sanitizer").get("sanitize", "true")
                                         if p.el.find("sanitizer") is not None else "true")):
            return sanitize(v)
        return str(v)

    def __bool__(self):
        return bool(self.value)

    def __eq__(self, other):
        if isinstance(other, str):
            return str(self) == other
        if self.value is None:
            return other is None
        return {"integer": int, "float": float, "boolean": bool}.get(self.input.type, str)(
            self.value if self.input.type != "text" else str(self)) == other

    def __ne__(self, other):
        return not self == other

    def __int__(self):
        return int(float(str(self)))

    def __float__(self):
        return float(str(self))

    def __hash__(self):
        return hash(str(self))


class SelectWrapper:
    def __init__(self, param, value):
        self.input, self.value = param, value

    def __str__(self):
        if isinstance(self.value, list):
            return ",".join(self.value)
        return "None" if self.value is None else str(self.value)

    def __bool__(self):
        return bool(self.value)

    def __eq__(self, other):
        if isinstance(other, str):
            if other == "" and self.value in (None, []):
                return True
            return str(self) == other
        return NotImplemented

    def __ne__(self, other):
        return not self == other

    def __iter__(self):
        return iter(self.value or [])

    def __hash__(self):
        return hash(str(self))


class Metadata:
    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._values.get(name, "None")


class Dataset:
    """A staged dataset: str() is the path of its file, as Galaxy gives it to the command."""

    def __init__(self, path, ext, element_identifier, metadata=None, files_path=None):
        self.file_name = path
        self.ext = ext
        self.extension = ext
        self.element_identifier = element_identifier
        self.name = element_identifier
        self.display_name = element_identifier
        self.metadata = Metadata(metadata or {})
        self.files_path = self.extra_files_path = files_path or (path + "_files")

    def __str__(self):
        return self.file_name

    def __bool__(self):
        return True

    def is_of_type(self, *exts):
        return any(is_subtype(self.ext, e) for e in exts)


class NoneDataset:
    """An unset optional dataset: false in #if, "None" when printed."""
    ext = extension = "data"
    element_identifier = name = "None"
    metadata = Metadata({})

    def __str__(self):
        return "None"

    def __bool__(self):
        return False


class Repeat:
    def __init__(self, el, children):
        self.el, self.children = el, children
        self.name = el.get("name")
        self.min = int(el.get("min", "0"))
        self.max = int(el.get("max")) if el.get("max") else None
        self.default_count = int(el.get("default", str(self.min)))


class Conditional:
    def __init__(self, el, test_param, whens):
        self.el, self.test_param, self.whens = el, test_param, whens
        self.name = el.get("name")


class Section:
    def __init__(self, el, children):
        self.el, self.children = el, children
        self.name = el.get("name")


def parse_inputs(container):
    """The <inputs> children as Param/Repeat/Conditional/Section objects, in order."""
    items = []
    for el in container:
        if el.tag == "param":
            items.append(Param(el))
        elif el.tag == "repeat":
            items.append(Repeat(el, parse_inputs(el)))
        elif el.tag == "section":
            items.append(Section(el, parse_inputs(el)))
        elif el.tag == "conditional":
            test = Param(el.find("param"))
            whens = {w.get("value"): parse_inputs(w) for w in el.findall("when")}
            items.append(Conditional(el, test, whens))
    return items


class Inputs:
    def __init__(self, inputs_el):
        self.items = parse_inputs(inputs_el if inputs_el is not None else [])

    def validate(self, request):
        """Fills defaults into `request` (nested raw values) and raises ParamError if Galaxy would refuse it."""
        return _validate_items(self.items, request or {})

    def wrap(self, values):
        return _wrap_items(self.items, values)

    def find(self, path):
        """The input at a '|' path such as 'marks_0|reads' or 'advanced|window' (None if absent)."""
        return _find(self.items, path.split("|"))


def _validate_items(items, request):
    out = {}
    for item in items:
        given = request.get(item.name)
        if isinstance(item, Param):
            value = item.default() if given is None else item.convert(given)
            item.validate(value)
            out[item.name] = value
        elif isinstance(item, Section):
            out[item.name] = _validate_items(item.children, given or {})
        elif isinstance(item, Repeat):
            blocks = given if given is not None else [{} for _ in range(item.default_count)]
            if len(blocks) < item.min or (item.max is not None and len(blocks) > item.max):
                raise ParamError(f"{item.name}: {len(blocks)} repeats, allowed {item.min}..{item.max}")
            out[item.name] = [_validate_items(item.children, b) for b in blocks]
        elif isinstance(item, Conditional):
            given = given or {}
            test = item.test_param
            case = given.get(test.name)
            case = test.default() if case is None else test.convert(case)
            test.validate(case)
            key = str(case).lower() if test.type == "boolean" else case
            if key not in item.whens:
                raise ParamError(f"{item.name}: no <when value='{key}'>")
            values = _validate_items(item.whens[key], given)
            values[test.name] = case
            values["__current_case__"] = list(item.whens).index(key)
            out[item.name] = values
    return out


def _wrap_items(items, values):
    out = {}
    for item in items:
        value = values[item.name]
        if isinstance(item, Param):
            out[item.name] = item.wrap(value)
        elif isinstance(item, Section):
            out[item.name] = _wrap_items(item.children, value)
        elif isinstance(item, Repeat):
            out[item.name] = [_wrap_items(item.children, block) for block in value]
        elif isinstance(item, Conditional):
            test = item.test_param
            key = str(value[test.name]).lower() if test.type == "boolean" else value[test.name]
            wrapped = _wrap_items(item.whens[key], value)
            wrapped[test.name] = test.wrap(value[test.name])
            wrapped["__current_case__"] = value["__current_case__"]
            out[item.name] = wrapped
    return out


def _find(items, parts):
    head, rest = parts[0], parts[1:]
    match = re.match(r"(.+)_(\d+)\Z", head)
    for item in items:
        if isinstance(item, Param) and item.name == head and not rest:
            return item
        if isinstance(item, Section) and item.name == head and rest:
            return _find(item.children, rest)
        if isinstance(item, Repeat) and match and item.name == match.group(1) and rest:
            return _find(item.children, rest)
        if isinstance(item, Conditional) and item.name == head and rest:
            if rest == [item.test_param.name]:
                return item.test_param
            for children in item.whens.values():
                found = _find(children, rest)
                if found:
                    return found
    return None


def all_params(items):
    """Every Param in the tree, with its nesting path (list of item names)."""
    for item in items:
        if isinstance(item, Param):
            yield [item.name], item
        elif isinstance(item, (Section, Repeat)):
            for path, p in all_params(item.children):
                yield [item.name] + path, p
        elif isinstance(item, Conditional):
            yield [item.name, item.test_param.name], item.test_param
            for children in item.whens.values():
                for path, p in all_params(children):
                    yield [item.name] + path, p
