"""Tests of the harness itself: each Galaxy behaviour it imitates, and each check shown to
fail on bad input (a check that cannot fail proves nothing). Run by run_harness.py."""
import os
import sys
import tempfile
import textwrap
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gxharness import asserts, lint, macros, testcases, testdata  # noqa: E402
from gxharness.params import Inputs, ParamError, sanitize  # noqa: E402
from gxharness.tool import Tool, ToolError, render_command, sort_matches  # noqa: E402


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as fh:
        fh.write(textwrap.dedent(text).lstrip())
    return path


MACROS = """
<macros>
    <token name="@VERSION@">1.2</token>
    <token name="@FULL@">@VERSION@+galaxy0</token>
    <xml name="requirements" tokens="tool" token_tool="x">
        <requirements><container type="docker">img/@TOOL@:@VERSION@</container></requirements>
    </xml>
    <xml name="cites"><citations><citation type="doi">10.1/a</citation><yield /></citations></xml>
    <xml name="outer"><expand macro="inner" /></xml>
    <xml name="inner"><param name="deep" type="integer" value="1" min="0" /></xml>
</macros>
"""

TOOL = """
<tool id="demo_tool" name="Demo" version="@FULL@" profile="23.0">
    <macros><import>macros.xml</import></macros>
    <expand macro="requirements" tool="demo" />
    <command><![CDATA[
echo '$label' $flag '$mode'
#for $r in $blocks:
    --n $r.n
#end for
#if $opt.extra:
    --extra $opt.extra
#end if
> '$out'
    ]]></command>
    <inputs>
        <param name="label" type="text" value="a b">
            <validator type="regex" message="no commas">[^,]*</validator>
        </param>
        <param name="flag" type="boolean" truevalue="--yes" falsevalue="--no" checked="false" />
        <param name="mode" type="select"><option value="m1">one</option><option value="m2" selected="true">two</option></param>
        <repeat name="blocks" title="B" min="1"><param name="n" type="integer" value="3" min="0" max="9" /></repeat>
        <section name="opt" title="Opt"><param name="extra" type="integer" optional="true" value="" min="0" /></section>
        <expand macro="outer" />
    </inputs>
    <outputs><data name="out" format="txt" /></outputs>
    <expand macro="cites"><citation type="doi">10.1/b</citation></expand>
</tool>
"""


class MacroTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        write(self.dir, "macros.xml", MACROS)
        self.path = write(self.dir, "tool.xml", TOOL)

    def test_tokens_nested_tokens_token_parameters_yield_and_nested_macros(self):
        root = macros.load_tool(self.path)
        self.assertEqual(root.get("version"), "1.2+galaxy0")
        self.assertEqual(root.findtext("requirements/container"), "img/demo:1.2")
        self.assertEqual([c.text for c in root.iter("citation")], ["10.1/a", "10.1/b"])
        self.assertIsNotNone(root.find("inputs/param[@name='deep']"))
        self.assertIsNone(root.find("macros"))

    def test_unknown_macro_is_an_error(self):
        bad = write(self.dir, "bad.xml", TOOL.replace('macro="cites"', 'macro="nope"'))
        with self.assertRaises(macros.MacroError):
            macros.load_tool(bad)


class RenderTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        write(self.dir, "macros.xml", MACROS)
        self.tool = Tool(write(self.dir, "tool.xml", TOOL))

    def render(self, request):
        values = self.tool.inputs.validate(request)
        context = self.tool.inputs.wrap(values)
        context["out"] = "/out/x.dat"
        return render_command(self.tool, context)

    def test_defaults_booleans_selects_repeats_and_line_joining(self):
        self.assertEqual(self.render({"blocks": [{}, {"n": "7"}]}),
                         "echo 'a b' --no 'm2' --n 3 --n 7 > '/out/x.dat'")

    def test_set_values(self):
        line = self.render({"label": "x", "flag": "true", "mode": "m1", "blocks": [{"n": 0}], "opt": {"extra": "4"}})
        self.assertEqual(line, "echo 'x' --yes 'm1' --n 0 --extra 4 > '/out/x.dat'")

    def test_text_is_sanitised_like_galaxy(self):
        self.assertEqual(sanitize("a'b\"c$d;e`f(g)h[i]"), "a__sq__b__dq__cXdXeXf(g)h__ob__i__cb__")
        line = self.render({"label": "x'; rm -rf y #", "blocks": [{}]})
        self.assertIn("'x__sq__X rm -rf y __pd__'", line)

    def test_form_refusals(self):
        for request in ({"blocks": [{"n": "10"}]}, {"blocks": [{"n": "-1"}]}, {"blocks": []},
                        {"mode": "m9", "blocks": [{}]}, {"label": "a,b", "blocks": [{}]}):
            with self.assertRaises(ParamError, msg=str(request)):
                self.tool.inputs.validate(request)


class DatatypeTest(unittest.TestCase):
    def test_subtypes_are_accepted_where_the_parent_is_asked_for(self):
        from gxharness.params import is_subtype
        self.assertTrue(is_subtype("bed6", "bed"))
        self.assertTrue(is_subtype("bed", "tabular"))
        self.assertTrue(is_subtype("zip", "data"))
        self.assertFalse(is_subtype("bed", "bam"))
        self.assertFalse(is_subtype("tabular", "bed"))


class LintTest(unittest.TestCase):
    def test_unquoted_text_and_data_placeholders_are_reported(self):
        d = tempfile.mkdtemp()
        write(d, "macros.xml", MACROS)
        tool = Tool(write(d, "tool.xml", TOOL.replace("echo '$label'", "echo $label").replace("> '$out'", "> $out")))
        problems = lint.check_quoting(tool)
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("$label", problems[0])
        self.assertIn("$out", problems[1])

    def test_quoted_command_passes(self):
        d = tempfile.mkdtemp()
        write(d, "macros.xml", MACROS)
        self.assertEqual(lint.check_quoting(Tool(write(d, "tool.xml", TOOL))), [])


class ContainerLintTest(unittest.TestCase):
    def test_bare_docker_hub_names_are_reported(self):
        from gxharness.lint import _fully_qualified
        for good in ("localhost/deepchrome/train:0.1.0", "quay.io/biocontainers/samtools:1.19", "host:5000/x/y"):
            self.assertTrue(_fully_qualified(good), good)
        for bad in ("deepchrome/train:0.1.0", "ubuntu:22.04", "library/debian"):
            self.assertFalse(_fully_qualified(bad), bad)


class HelpTest(unittest.TestCase):
    def test_invalid_rst_and_missing_image_are_reported(self):
        d = tempfile.mkdtemp()
        write(d, "macros.xml", MACROS)
        tool = Tool(write(d, "tool.xml", TOOL))
        self.assertEqual(lint.check_help_rst(tool, "What it does\n------------\n\nFine.\n"), [])
        bad = lint.check_help_rst(tool, "What it does\n---\n\n*unclosed emphasis\n\n.. image:: nope.png\n")
        self.assertTrue(any("RST" in p for p in bad), bad)
        self.assertTrue(any("nope.png" in p for p in bad), bad)


def el(xml):
    return ET.fromstring(xml)


class AssertTest(unittest.TestCase):
    DATA = b"gene_id\tp\nG1\t0.9\nG2\t0.1\n"

    def check(self, xml, data=None):
        return asserts.check_assertions(self.DATA if data is None else data, el(f"<a>{xml}</a>"))

    def test_each_assertion_passes_and_fails(self):
        cases = [
            ('<has_text text="G1"/>', '<has_text text="G3"/>'),
            ('<has_text text="G" n="2"/>', '<has_text text="G" n="5"/>'),
            ('<not_has_text text="G3"/>', '<not_has_text text="G1"/>'),
            ('<has_n_lines n="3"/>', '<has_n_lines n="4"/>'),
            ('<has_n_lines n="4" delta="1"/>', '<has_n_lines min="4"/>'),
            ('<has_line line="G1&#9;0.9"/>', '<has_line line="G1"/>'),
            ('<has_line_matching expression="G\\d\\t0\\.\\d"/>', '<has_line_matching expression="X.*"/>'),
            ('<has_text_matching expression="0\\.9"/>', '<has_text_matching expression="0\\.5"/>'),
            ('<has_n_columns n="2"/>', '<has_n_columns n="3"/>'),
            ('<has_size value="24"/>', '<has_size value="100" delta="10"/>'),
            ('<has_size min="10" max="1k"/>', '<has_size max="10"/>'),
            ('<has_text text="G3" negate="true"/>', '<has_text text="G1" negate="true"/>'),
        ]
        for good, bad in cases:
            self.assertEqual(self.check(good), [], good)
            self.assertNotEqual(self.check(bad), [], bad)

    def test_json_and_zip_and_png(self):
        js = b'{"auc": 0.9, "genes": 104}'
        self.assertEqual(self.check('<has_json_property_with_value property="genes" value="104"/>', js), [])
        self.assertNotEqual(self.check('<has_json_property_with_value property="genes" value="10"/>', js), [])
        import io
        import zipfile
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("meta.json", '{"kind": "cnn"}')
        data = buf.getvalue()
        self.assertEqual(self.check('<has_archive_member path="meta.json"><has_text text="cnn"/></has_archive_member>', data), [])
        self.assertNotEqual(self.check('<has_archive_member path="meta.json"><has_text text="rf"/></has_archive_member>', data), [])
        self.assertNotEqual(self.check('<has_archive_member path="other"/>', data), [])
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (800).to_bytes(4, "big") + (600).to_bytes(4, "big")
        self.assertEqual(self.check('<has_image_width width="800"/>', png), [])
        self.assertNotEqual(self.check('<has_image_height height="800"/>', png), [])

    def test_unknown_assertion_fails(self):
        self.assertNotEqual(self.check('<has_magic/>'), [])

    def test_file_comparisons(self):
        d = tempfile.mkdtemp()
        a = write(d, "a.txt", "x\ny\nz\n")
        b = write(d, "b.txt", "x\ny\nw\n")
        self.assertEqual(asserts.compare_files(a, a, el('<output/>')), [])
        self.assertNotEqual(asserts.compare_files(a, b, el('<output/>')), [])
        self.assertEqual(asserts.compare_files(a, b, el('<output lines_diff="2"/>')), [])
        big = write(d, "big.txt", "x" * 500)
        self.assertEqual(asserts.compare_files(a, big, el('<output compare="sim_size" delta="600"/>')), [])
        self.assertNotEqual(asserts.compare_files(a, big, el('<output compare="sim_size" delta="100"/>')), [])


# A tool that writes three files in an order that is not the sorted one; its tests list the
# discovered elements in a given order.
COLLECTION_TOOL = """
<tool id="demo_collection" name="Demo" version="1" profile="@PROFILE@">
    <command><![CDATA[
mkdir out && echo b > out/b.txt && echo c > out/c10.txt && echo a > out/a.txt && echo c2 > out/c2.txt
    ]]></command>
    <inputs />
    <outputs>
        <collection name="files" type="list">
            <discover_datasets pattern="(?P&lt;designation&gt;.+)\\.txt" format="txt" directory="out" />
        </collection>
    </outputs>
    <tests>
        <test><output_collection name="files" type="list" count="4">@ELEMENTS@</output_collection></test>
    </tests>
</tool>
"""


class CollectionOrderTest(unittest.TestCase):
    """Galaxy sorts discovered files by file name and checks the test's element order."""

    def run_tool(self, order, profile="23.0"):
        d = tempfile.mkdtemp()
        elements = "".join(f'<element name="{n}"><assert_contents><has_text text="{n[0]}"/></assert_contents></element>'
                           for n in order)
        tool = Tool(write(d, "tool.xml", COLLECTION_TOOL.replace("@ELEMENTS@", elements).replace("@PROFILE@", profile)))
        result = testcases.run_test(tool, 0, tool.tests()[0], d, d, dict(os.environ))
        return [ident for ident, _ in result.job.collections["files"]], result.problems

    def test_discovered_elements_are_sorted_by_file_name(self):
        produced, problems = self.run_tool(["a", "b", "c10", "c2"])
        self.assertEqual(produced, ["a", "b", "c10", "c2"])  # lexical: c10 before c2
        self.assertEqual(problems, [])

    def test_a_subsequence_in_order_passes(self):
        self.assertEqual(self.run_tool(["a", "c2"])[1], [])

    def test_a_wrong_order_fails(self):
        problems = self.run_tool(["a", "c2", "b"])[1]
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("out of order", problems[0])

    def test_legacy_profiles_do_not_check_the_order(self):
        self.assertEqual(self.run_tool(["b", "a"], profile="20.05")[1], [])

    def test_the_order_check_itself(self):
        produced = ["class_optimization", "profile_heatmap", "roc", "saliency", "training_curves"]
        self.assertEqual(testcases.element_order_problems("plots", produced, produced), [])
        self.assertEqual(testcases.element_order_problems("plots", produced, ["roc", "training_curves"]), [])
        # the order visualize's test 2 once had
        wrong = ["class_optimization", "profile_heatmap", "saliency", "roc", "training_curves"]
        self.assertNotEqual(testcases.element_order_problems("plots", produced, wrong), [])
        self.assertNotEqual(testcases.element_order_problems("plots", produced, ["roc", "roc"]), [])

    def test_sort_by_variants(self):
        matches = [{"filename": f"{n}.txt", "name": n, "designation": n, "ext": "txt", "dbkey": None}
                   for n in ("10", "9", "100")]

        def order(sort_by):
            return [m["designation"] for m in sort_matches(matches, sort_by)]
        self.assertEqual(order("filename"), ["10", "100", "9"])
        self.assertEqual(order("numeric_designation"), ["9", "10", "100"])
        self.assertEqual(order("reverse_numeric_name"), ["100", "10", "9"])
        self.assertEqual(order("reverse_filename"), ["9", "100", "10"])
        with self.assertRaises(ToolError):
            sort_matches(matches, "size")


class DeprecatedSpellingTest(unittest.TestCase):
    """A wrapper that still passes an old option spelling fails its tests (the tool only warns)."""

    def test_the_tools_deprecation_notice_fails_the_test(self):
        d = tempfile.mkdtemp()
        tool = Tool(write(d, "tool.xml", """
            <tool id="demo_old" name="Demo" version="1" profile="23.0">
                <command><![CDATA[echo 'demo: warning: --format is deprecated; use --image-format' >&2 && echo x > '$out']]></command>
                <inputs />
                <outputs><data name="out" format="txt" /></outputs>
                <tests><test><output name="out"><assert_contents><has_text text="x" /></assert_contents></output></test></tests>
            </tool>
            """))
        problems = testcases.run_test(tool, 0, tool.tests()[0], d, d, dict(os.environ)).problems
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("old option spelling", problems[0])


class TestDataTest(unittest.TestCase):
    """galaxy/test-data: real files, current copies of the primary data, each one used."""

    def setUp(self):
        self.primary = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.primary, "matrix"))
        write(self.primary, "genes.bed", "chr1\t1\t2\tG\t0\t+\n")
        write(os.path.join(self.primary, "matrix"), "train.csv", "G,1,0,1\n")
        self.galaxy = tempfile.mkdtemp()
        write(self.galaxy, "genes.bed", "chr1\t1\t2\tG\t0\t+\n")
        write(self.galaxy, "train.csv", "G,1,0,1\n")
        write(self.galaxy, "model.zip", "made for the tests")

    def check(self, used=("genes.bed", "train.csv", "model.zip")):
        return testdata.check([], self.galaxy, self.primary, also_used=used)

    def test_current_copies_pass(self):
        self.assertEqual(sorted(testdata.primary_copies(self.galaxy, self.primary)), ["genes.bed", "train.csv"])
        self.assertEqual(self.check(), [])

    def test_stale_copy_symlink_and_unused_file_fail(self):
        write(self.galaxy, "train.csv", "G,1,0,0\n")
        os.symlink(os.path.join(self.primary, "genes.bed"), os.path.join(self.galaxy, "linked.bed"))
        problems = self.check(used=("genes.bed", "train.csv", "model.zip", "linked.bed"))
        self.assertTrue(any("train.csv differs" in p for p in problems), problems)
        self.assertTrue(any("linked.bed is a symlink" in p for p in problems), problems)
        self.assertTrue(any("model.zip is used by no test" in p for p in self.check(used=("genes.bed", "train.csv"))))


GALAXY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(GALAXY)


def wrapper(tool_id):
    return Tool(os.path.join(GALAXY, tool_id + ".xml"))


def dataset(name, ext):
    """A dataset as the form receives it (the file is not read: the refusals and renderings below
    happen before a job runs)."""
    from gxharness.params import Dataset
    return Dataset(os.path.join(GALAXY, "test-data", name), ext, name)


def render_wrapper(tool, request):
    """The command Galaxy would run for `request` (form checks included), without running it."""
    values = tool.inputs.validate(request)
    context = tool.inputs.wrap(values)
    from gxharness.params import Dataset
    out = tempfile.mkdtemp()
    for name, el, kind in tool.outputs():
        if kind == "data":
            context[name] = Dataset(os.path.join(out, name + ".dat"), el.get("format"), name)
    context.update({"__tool_directory__": tool.dir, "__new_file_path__": out, "on_string": "test data", "tool": tool})
    return render_command(tool, context)


class BadInputCatalogTest(unittest.TestCase):
    """The `galaxy <tool id>` rows of docs/bad-inputs.md: each request is refused by the wrapper's
    form with exactly the row's message (Galaxy makes no job); a row without a case here, or a
    case without a row, fails."""

    CASES = {
        "gx-train-bed-as-matrix": ("deepchrome_train", lambda: {
            "train": dataset("genes.bed", "bed"), "valid": dataset("valid.csv", "csv")}),
        "gx-train-epochs-zero": ("deepchrome_train", lambda: {
            "train": dataset("train.csv", "csv"), "valid": dataset("valid.csv", "csv"),
            "algorithm": {"model_type": "cnn", "epochs": "0"}}),
        "gx-train-unknown-task": ("deepchrome_train", lambda: {
            "train": dataset("train.csv", "csv"), "valid": dataset("valid.csv", "csv"),
            "target": {"task": "clustering"}}),
        "gx-predict-png-as-model": ("deepchrome_predict", lambda: {
            "model": dataset("../static/images/class_optimization.png", "png"), "input": dataset("test.csv", "csv")}),
        "gx-visualize-gif": ("deepchrome_visualize", lambda: {
            "model": dataset("cnn_model.zip", "zip"), "input": dataset("test.csv", "csv"), "image_format": "gif"}),
    }

    def rows(self):
        rows = {}
        with open(os.path.join(ROOT, "docs", "bad-inputs.md"), encoding="utf-8") as source:
            for line in source:
                cells = line.rstrip("\n")[1:-1].split(" | ") if line.startswith("| `gx-") else None
                if cells:
                    rows[cells[0].strip().strip("`")] = (cells[1].strip().strip("`"), cells[3].strip().strip("`"))
        return rows

    def test_rows_and_cases_agree(self):
        self.assertEqual(sorted(self.rows()), sorted(self.CASES))

    def test_each_row_is_refused_with_its_message(self):
        for row_id, (tool_label, message) in sorted(self.rows().items()):
            tool_id, request = self.CASES[row_id]
            with self.subTest(row_id):
                self.assertEqual(tool_label, "galaxy " + tool_id)
                with self.assertRaises(ParamError) as refused:
                    wrapper(tool_id).inputs.validate(request())
                self.assertEqual(str(refused.exception), message)


class RegressionWrapperTest(unittest.TestCase):
    """Regression (issue 12) in the train and predict wrappers, checked on the rendered commands.
    Running them needs the tools with regression (deepchrome-train --task regression): those runs
    are the lead's after the merge, not <test>s of the wrappers yet."""

    def train(self, target, model_type="ridge"):
        return render_wrapper(wrapper("deepchrome_train"), {
            "train": dataset("train.csv", "csv"), "valid": dataset("valid.csv", "csv"),
            "target": target, "algorithm": {"model_type": model_type}})

    def test_regression_passes_task_targets_column_and_transform(self):
        import shlex
        line = self.train({"task": "regression", "target_table": dataset("expression.tsv", "tabular"),
                           "expression_column": "expression", "target_transform": "none"})
        words = shlex.split(line)
        self.assertIn("ln -s '%s' 'targets.tsv'" % os.path.join(GALAXY, "test-data", "expression.tsv"), line)
        start = words.index("deepchrome-train")
        self.assertEqual(words[start:start + 15], [
            "deepchrome-train", "--train", "train.csv", "--valid", "valid.csv", "--model-type", "ridge",
            "--task", "regression", "--expression", "targets.tsv", "--expression-column", "expression",
            "--target-transform", "none"])

    def test_csv_targets_keep_their_extension_and_the_column_is_optional(self):
        line = self.train({"task": "regression", "target_table": dataset("expression.tsv", "csv")}, "cnn")
        self.assertIn("'targets.csv'", line)
        self.assertIn("--expression 'targets.csv'", line)
        self.assertNotIn("--expression-column", line)
        self.assertIn("--target-transform 'log1p'", line)
        self.assertIn("--epochs 20", line)

    def test_classification_is_unchanged(self):
        line = self.train({"task": "classification"}, "cnn")
        for word in ("--task", "--expression", "--target-transform", "targets."):
            self.assertNotIn(word, line)

    def test_column_validator_refuses_shell_text(self):
        with self.assertRaises(ParamError):
            self.train({"task": "regression", "target_table": dataset("expression.tsv", "tabular"),
                        "expression_column": "x'; touch y"})

    def test_predict_regression_has_no_roc(self):
        tool = wrapper("deepchrome_predict")
        request = {"model": dataset("cnn_model.zip", "zip"), "input": dataset("test.csv", "csv")}
        self.assertIn("--roc 'roc.tsv'", render_wrapper(tool, dict(request)))
        self.assertNotIn("--roc", render_wrapper(tool, dict(request, task="regression")))
        roc = [el for name, el, kind in tool.outputs() if name == "roc"][0]
        self.assertIn("task == 'classification'", roc.find("filter").text)

    def test_predict_regression_reads_observed_levels(self):
        import shlex
        tool = wrapper("deepchrome_predict")
        request = {"model": dataset("cnn_model.zip", "zip"), "input": dataset("test.csv", "csv"),
                   "observed_table": dataset("expression.tsv", "tabular"), "observed_column": "expression"}
        words = shlex.split(render_wrapper(tool, dict(request, task="regression")))
        start = words.index("deepchrome-predict")
        self.assertEqual(words[start:start + 9], ["deepchrome-predict", "--model", "model.zip", "--input", "matrix.csv",
                                                  "--expression", "observed.tsv", "--expression-column", "expression"])
        self.assertNotIn("--expression", render_wrapper(tool, dict(request)))


def active_outputs(tool, request):
    """The outputs whose <filter>s pass for `request`, evaluated as Galaxy does (on the values)."""
    values = tool.inputs.validate(request)
    return sorted(name for name, el, _ in tool.outputs()
                  if all(eval(f.text.strip(), {}, dict(values)) for f in el.findall("filter")))


class TransformAttentionWrapperTest(unittest.TestCase):
    """Issue 14: train leaves the transform to the tool unless one is chosen (a signed matrix then
    trains with none). Issue 13: predict's attention output and visualize's outputs per model type."""

    def train(self, advanced=None):
        request = {"train": dataset("train.csv", "csv"), "valid": dataset("valid.csv", "csv")}
        if advanced is not None:
            request["advanced"] = advanced
        return render_wrapper(wrapper("deepchrome_train"), request)

    def test_default_transform_is_the_tools(self):
        self.assertNotIn("--transform", self.train())
        self.assertNotIn("--transform", self.train({"counts": {"transform_mode": "default"}}))

    def test_chosen_transform_is_passed(self):
        self.assertIn("--transform 'none'", self.train({"counts": {"transform_mode": "set", "transform": "none"}}))
        self.assertIn("--transform 'log1p'", self.train({"counts": {"transform_mode": "set"}}))
        with self.assertRaises(ParamError):
            self.train({"counts": {"transform_mode": "set", "transform": "sqrt"}})

    def test_the_transform_select_offers_exactly_the_tools_values(self):
        from gxharness.params import all_params
        selects = [p for _, p in all_params(wrapper("deepchrome_train").inputs.items) if p.el.get("argument") == "--transform"]
        self.assertEqual(len(selects), 1)
        self.assertEqual(sorted(o.get("value") for o in selects[0].el.findall("option")), ["log1p", "none"])

    def test_predict_writes_attention_only_when_asked(self):
        tool = wrapper("deepchrome_predict")
        request = {"model": dataset("attentive_model.zip", "zip"), "input": dataset("test.csv", "csv")}
        self.assertNotIn("--attention", render_wrapper(tool, dict(request)))
        self.assertIn("--attention 'attention.tsv'", render_wrapper(tool, dict(request, attention="true")))
        self.assertNotIn("attention_weights", active_outputs(tool, dict(request)))
        self.assertIn("attention_weights", active_outputs(tool, dict(request, attention="true")))

    def test_visualize_outputs_follow_the_model_type(self):
        tool = wrapper("deepchrome_visualize")
        request = {"model": dataset("attentive_model.zip", "zip"), "matrix": dataset("test.csv", "csv")}
        self.assertEqual(active_outputs(tool, dict(request)), ["class_optimization", "plots_png", "saliency"])
        self.assertEqual(active_outputs(tool, dict(request, model_type="attentive")),
                         ["attention", "attention_means", "class_optimization", "plots_png"])
        # without a matrix neither saliency nor attention is made, whatever the type
        self.assertEqual(active_outputs(tool, {"model": request["model"], "model_type": "attentive"}),
                         ["class_optimization", "plots_png"])
        line = render_wrapper(tool, dict(request, model_type="attentive"))
        self.assertIn("if [ ! -f plots/attention.tsv ]; then", line)
        self.assertNotIn("plots/saliency.tsv ]", line)


if __name__ == "__main__":
    unittest.main()
