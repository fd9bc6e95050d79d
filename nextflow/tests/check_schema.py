#!/usr/bin/env python3
"""Checks nextflow_schema.json and the samplesheet schemas (the nf-schema plugin cannot be
loaded offline, so nothing else validates them):

  check_schema.py PARAMS_FLAT...   (output of `./nextflow config -flat [-profile X]`)

- every schema is valid JSON Schema draft 2020-12 (checked against the meta-schema);
- nextflow_schema.json has nf-core's shape: grouped $defs, each group referenced from allOf,
  every parameter with a type and a description, every default valid for its parameter;
- the parameters of nextflow.config (each given config) and of the schema are the same set;
- the bundled sheets in test-data/ are valid against nextflow/assets/schema_input.json and
  nextflow/assets/schema_cells.json.
Prints one line per problem and exits 1 when there is one."""
import csv
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("check_schema: the python3 jsonschema module is missing (apt-get install python3-jsonschema)")

root = Path(__file__).resolve().parents[2]
problems = []


def load(relative):
    with open(root / relative, encoding="utf-8") as handle:
        return json.load(handle)


def check_draft_2020_12(name, schema):
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        problems.append(f"{name}: $schema is not https://json-schema.org/draft/2020-12/schema")
    for error in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema):
        problems.append(f"{name}: not valid draft 2020-12: {error.message} at {list(error.absolute_path)}")


pipeline_schema = load("nextflow_schema.json")
check_draft_2020_12("nextflow_schema.json", pipeline_schema)
for key in ("$id", "title", "description"):
    if not pipeline_schema.get(key):
        problems.append(f"nextflow_schema.json: no top-level {key}")
if pipeline_schema.get("type") != "object":
    problems.append("nextflow_schema.json: top-level type is not object")
if "definitions" in pipeline_schema:
    problems.append("nextflow_schema.json: uses draft-07 'definitions'; draft 2020-12 wants $defs")
groups = pipeline_schema.get("$defs", {})
if not groups:
    problems.append("nextflow_schema.json: no parameter groups in $defs")
references = [entry.get("$ref") for entry in pipeline_schema.get("allOf", [])]
schema_params = {}
for group_name, group in groups.items():
    if f"#/$defs/{group_name}" not in references:
        problems.append(f"nextflow_schema.json: group {group_name} is not referenced from allOf")
    for key in ("title", "description", "properties"):
        if not group.get(key):
            problems.append(f"nextflow_schema.json: group {group_name} has no {key}")
    if group.get("type") != "object":
        problems.append(f"nextflow_schema.json: group {group_name} type is not object")
    for name, definition in group.get("properties", {}).items():
        if name in schema_params:
            problems.append(f"nextflow_schema.json: parameter {name} is in groups {schema_params[name]} and {group_name}")
        schema_params[name] = group_name
        for key in ("type", "description"):
            if key not in definition:
                problems.append(f"nextflow_schema.json: parameter {name} has no {key}")
        if "default" in definition:
            for error in Draft202012Validator(definition).iter_errors(definition["default"]):
                problems.append(f"nextflow_schema.json: default of {name} is invalid: {error.message}")
for reference in references:
    if not reference or reference.rsplit("/", 1)[-1] not in groups:
        problems.append(f"nextflow_schema.json: allOf refers to a missing group {reference}")

# params.name = value lines of `nextflow config -flat`
flat_line = re.compile(r"^params\.([A-Za-z0-9_]+)\s*=\s*(.*)$")
for flat in sys.argv[1:]:
    config_params = {}
    for line in Path(flat).read_text(encoding="utf-8").splitlines():
        match = flat_line.match(line)
        if match:
            config_params[match.group(1)] = match.group(2)
    if not config_params:
        problems.append(f"{flat}: no params.* lines (is it the output of nextflow config -flat?)")
        continue
    for name in sorted(set(config_params) - set(schema_params)):
        problems.append(f"{flat}: params.{name} is set in the config but not described in nextflow_schema.json")
    for name in sorted(set(schema_params) - set(config_params)):
        problems.append(f"{flat}: parameter {name} is in nextflow_schema.json but not in the config")


def check_sheet(sheet, schema_file):
    schema = load(schema_file)
    check_draft_2020_12(schema_file, schema)
    with open(root / sheet, newline="", encoding="utf-8") as handle:
        rows = [{key: value for key, value in row.items() if value} for row in csv.DictReader(handle)]
    for error in Draft202012Validator(schema).iter_errors(rows):
        problems.append(f"{sheet}: {error.message} at row {list(error.absolute_path)}")
    unique = schema.get("uniqueEntries", [])
    keys = [tuple(row.get(column) for column in unique) for row in rows]
    if len(set(keys)) != len(keys):
        problems.append(f"{sheet}: duplicate {'+'.join(unique)}")
    for row in rows:
        for column, definition in schema["items"]["properties"].items():
            if definition.get("exists") and column in row and not (root / sheet).parent.joinpath(row[column]).exists():
                problems.append(f"{sheet}: {column} {row[column]} does not exist")


check_sheet("test-data/samplesheet.csv", "nextflow/assets/schema_input.json")
check_sheet("test-data/samplesheet_cells.csv", "nextflow/assets/schema_cells.json")

for problem in problems:
    print(problem)
print(f"check_schema: {len(schema_params)} parameters in {len(groups)} groups, {len(problems)} problems")
sys.exit(1 if problems else 0)
