"""Galaxy's macro expansion for tool XML, as galaxy.util.xml_macros does it.

Supported: <macros> with <import>, <xml name> (with tokens="a,b" parameters and
token_a defaults), <token name="@X@">, <expand macro> (recursive), unnamed <yield/>
and named <yield name="x"/> filled from <token name="x"> children of the expand.
Unknown macro names are an error, as in Galaxy.
"""
import copy
import os
import re
import xml.etree.ElementTree as ET

_TOKEN_RE = re.compile(r"@[A-Z_0-9]+@")


class MacroError(Exception):
    pass


def load_tool(path):
    """Parses the tool at `path` and returns its root with every macro and token expanded."""
    root = ET.parse(path).getroot()
    macros_el = root.find("macros")
    xml_macros, tokens = {}, {}
    if macros_el is not None:
        _collect(macros_el, os.path.dirname(os.path.abspath(path)), xml_macros, tokens)
        root.remove(macros_el)
    _expand_all(root, xml_macros, depth=0)
    _apply_tokens(root, _resolve_tokens(tokens))
    leftover = [e for e in root.iter() if e.tag in ("expand", "yield", "macros")]
    if leftover:
        raise MacroError(f"{path}: <{leftover[0].tag}> left after expansion")
    return root


def _collect(macros_el, base_dir, xml_macros, tokens):
    for child in macros_el:
        if child.tag == "import":
            imported = os.path.join(base_dir, child.text.strip())
            if not os.path.exists(imported):
                raise MacroError(f"imported macro file not found: {imported}")
            _collect(ET.parse(imported).getroot(), os.path.dirname(imported), xml_macros, tokens)
        elif child.tag == "xml":
            xml_macros[child.get("name")] = child
        elif child.tag == "token":
            tokens[child.get("name")] = child.text or ""
        elif child.tag in ("template", "macro"):
            continue
        elif isinstance(child.tag, str):
            raise MacroError(f"unsupported element in <macros>: <{child.tag}>")


def _resolve_tokens(tokens):
    """Token values may themselves use tokens (e.g. a version built from two)."""
    resolved = dict(tokens)
    for _ in range(10):
        changed = False
        for name, value in resolved.items():
            new = _substitute(value, resolved)
            if new != value:
                resolved[name], changed = new, True
        if not changed:
            break
    return resolved


def _substitute(text, tokens):
    if not text or "@" not in text:
        return text
    return _TOKEN_RE.sub(lambda m: tokens.get(m.group(0), m.group(0)), text)


def _apply_tokens(element, tokens):
    for el in element.iter():
        el.text = _substitute(el.text, tokens)
        el.tail = _substitute(el.tail, tokens)
        for key, value in list(el.attrib.items()):
            el.attrib[key] = _substitute(value, tokens)


def _expand_all(parent, xml_macros, depth):
    if depth > 50:
        raise MacroError("macro expansion nested too deep (a macro expands itself?)")
    index, expansions = 0, 0
    while index < len(parent):
        child = parent[index]
        if child.tag == "expand":
            # The replacement may itself start with an <expand>: look at the same index again.
            expansions += 1
            if expansions > 1000:
                raise MacroError("macro expansion does not terminate (a macro expands itself?)")
            _replace(parent, index, child, _expand_one(child, xml_macros))
        else:
            _expand_all(child, xml_macros, depth + 1)
            index += 1


def _expand_one(expand_el, xml_macros):
    name = expand_el.get("macro")
    if name not in xml_macros:
        raise MacroError(f"no macro named '{name}'")
    macro = xml_macros[name]
    body = copy.deepcopy(macro)
    # Token parameters: tokens="tool" makes @TOOL@ from the expand's tool="..." attribute.
    params = {}
    for token in filter(None, (t.strip() for t in (macro.get("tokens") or "").split(","))):
        value = expand_el.get(token, macro.get("token_" + token))
        if value is None:
            raise MacroError(f"<expand macro='{name}'> needs the attribute {token}")
        params["@" + token.upper() + "@"] = value
    if params:
        _apply_tokens(body, params)
    named = {t.get("name"): list(t) for t in expand_el if t.tag == "token"}
    unnamed = [copy.deepcopy(c) for c in expand_el if c.tag != "token"]
    _fill_yields(body, unnamed, named)
    return list(body)


def _fill_yields(element, unnamed, named):
    index = 0
    while index < len(element):
        child = element[index]
        if child.tag == "yield":
            fill = named.get(child.get("name"), []) if child.get("name") else unnamed
            fill = [copy.deepcopy(c) for c in fill]
            _replace(element, index, child, fill)
            index += len(fill)
        else:
            _fill_yields(child, unnamed, named)
            index += 1


def _replace(parent, index, old, new_children):
    """Replaces parent[index] (old) by new_children, keeping old's tail text."""
    parent.remove(old)
    for offset, el in enumerate(new_children):
        parent.insert(index + offset, el)
    if old.tail and old.tail.strip():
        if new_children:
            new_children[-1].tail = (new_children[-1].tail or "") + old.tail
        elif index > 0:
            parent[index - 1].tail = (parent[index - 1].tail or "") + old.tail
        else:
            parent.text = (parent.text or "") + old.tail
