#!/usr/bin/env bash
# Pipeline tests (run by ./test.sh after Maven has built the tools):
#   nextflow/tests/run-tests.sh
# 1. strict-syntax lint (nf-lang 25.04.0), and the lint catches a planted error;
# 2. nextflow_schema.json and the samplesheet schemas (draft 2020-12, nf-core shape, the same
#    parameters as nextflow.config), and the check catches a parameter missing from the schema;
#    the modules keep nf-core's conventions (when:, meta.yml, --threads from task.cpus,
#    qualified images), and that check catches planted faults;
# 3. bad input stops the run before any task starts, with one clear line;
# 4. -stub-run of the whole graph: bundled data (no parameters; the tools' option names), and
#    alignments + ready cells; the deprecated parameter names and ext.when; retries;
# 5. a real -profile test run, with checks on the published files, timed;
# 6. the same run with -resume redoes nothing;
# 7. the same run through a real one-node SLURM cluster (nextflow/tests/slurm-test.sh; as root).
# Prints PASS/FAIL per check, then "N passed, N failed"; exits 1 on any failure.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
nextflow="$root/nextflow/launcher/nextflow"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-pipeline-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
# Debian's python3 carries the packages .ci/run installs (python3-jsonschema); a pyenv or venv
# python3 earlier on PATH may not.
python3=/usr/bin/python3
[ -x "$python3" ] || python3=python3

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1${2:+: $2}"; failed=$((failed + 1)); }

# run NAME ARGS...: nextflow run in its own launch folder $scratch/NAME; output in NAME.out.
run() {
  local name=$1
  shift
  mkdir -p "$scratch/$name"
  (cd "$scratch/$name" && "$nextflow" run "$root/deepchrome.nf" -ansi-log false "$@") >"$scratch/$name.out" 2>&1
}

for tool in bin-signals train predict visualize; do
  if [ ! -f "$root/tools/$tool/target/deepchrome-$tool.jar" ]; then
    echo "pipeline tests: tools/$tool/target/deepchrome-$tool.jar is missing; build first: mvn -B -q -DskipTests package" >&2
    exit 1
  fi
done

# --- 1. lint
if "$root/nextflow/tests/lint.sh" >"$scratch/lint.out" 2>&1; then
  pass "lint: $(tail -1 "$scratch/lint.out")"
else
  fail "lint" "$(cat "$scratch/lint.out")"
fi
mkdir -p "$scratch/lint-planted"
# A strict-syntax error (for loops are not part of it) and an undefined name.
printf 'workflow {\n    for( x in [1, 2] ) { println(x) }\n    println(undefined_name)\n}\n' >"$scratch/lint-planted/bad.nf"
if "$root/nextflow/tests/lint.sh" "$scratch/lint-planted" >"$scratch/lint-planted.out" 2>&1; then
  fail "lint catches a planted error" "lint passed a file with a for loop and an undefined name"
elif grep -q 'bad.nf:3:.*undefined_name' "$scratch/lint-planted.out"; then
  pass "lint catches a planted error"
else
  fail "lint catches a planted error" "$(cat "$scratch/lint-planted.out")"
fi

# --- 2. schemas
(cd "$root" && "$nextflow" config -flat >"$scratch/flat-default.txt" 2>&1 &&
  "$nextflow" config -flat -profile test >"$scratch/flat-test.txt" 2>&1)
if "$python3" "$root/nextflow/tests/check_schema.py" "$scratch/flat-default.txt" "$scratch/flat-test.txt" >"$scratch/schema.out" 2>&1; then
  pass "schema: $(tail -1 "$scratch/schema.out")"
else
  fail "schema" "$(cat "$scratch/schema.out")"
fi
{ cat "$scratch/flat-default.txt"; echo "params.not_in_schema = 1"; } >"$scratch/flat-extra.txt"
if "$python3" "$root/nextflow/tests/check_schema.py" "$scratch/flat-extra.txt" >"$scratch/schema-extra.out" 2>&1; then
  fail "schema check catches an undescribed parameter" "it passed"
elif grep -q 'params.not_in_schema is set in the config but not described' "$scratch/schema-extra.out"; then
  pass "schema check catches an undescribed parameter"
else
  fail "schema check catches an undescribed parameter" "$(cat "$scratch/schema-extra.out")"
fi

# Resource caps whatever the profile order: the test profile's, also with a cluster profile
# declared after it (Nextflow applies profiles in the order the config declares them). The
# caps are the max_* parameters (process.resourceLimits reads them per task).
caps=""
for profiles in test test,slurm slurm,test slurm; do
  caps+="$profiles: $(cd "$root" && "$nextflow" config -flat -profile "$profiles" 2>&1 | grep '^params.max_' | tr '\n' ' ')
"
done
if [ "$(grep -c "params.max_cpus = 2 params.max_memory = '6.GB' params.max_time = '1.h' $" <<<"$caps")" -eq 3 ] &&
   grep -q "^slurm: params.max_cpus = 64 params.max_memory = '512.GB' params.max_time = '72.h' $" <<<"$caps"; then
  pass "resource caps: 2 CPUs, 6 GB, 1 h with test, test,slurm and slurm,test; 64 CPUs, 512 GB, 72 h with slurm alone"
else
  fail "resource caps by profile order" "$caps"
fi

# Modules: nf-core conventions, and the check fails on a copy with planted faults.
if "$python3" "$root/nextflow/tests/check_modules.py" >"$scratch/modules.out" 2>&1; then
  pass "modules: $(tail -1 "$scratch/modules.out")"
else
  fail "modules" "$(cat "$scratch/modules.out")"
fi
cp -r "$root/nextflow/modules" "$scratch/modules-planted"
sed -i '/^    when:$/,+1d' "$scratch/modules-planted/train/main.nf"
sed -i '/emit: roc/d' "$scratch/modules-planted/predict/main.nf"
sed -i '/--threads/{/echo/!d}' "$scratch/modules-planted/visualize/main.nf"  # the script's line, not the stub's
rm "$scratch/modules-planted/summary/meta.yml"
"$python3" "$root/nextflow/tests/check_modules.py" "$scratch/modules-planted" "$root/nextflow/conf/modules.config" >"$scratch/modules-planted.out" 2>&1
planted_found=0
grep -q 'train/main.nf: no `when:' "$scratch/modules-planted.out" && planted_found=$((planted_found + 1))
grep -q 'predict/meta.yml: outputs .* differ' "$scratch/modules-planted.out" && planted_found=$((planted_found + 1))
grep -q 'visualize/main.nf: runs deepchrome-visualize without `--threads' "$scratch/modules-planted.out" && planted_found=$((planted_found + 1))
grep -q 'summary: no meta.yml' "$scratch/modules-planted.out" && planted_found=$((planted_found + 1))
if [ "$planted_found" -eq 4 ]; then
  pass "module check catches a missing when:, an undescribed output, a dropped --threads, a missing meta.yml"
else
  fail "module check catches planted faults" "$planted_found of 4 found: $(cat "$scratch/modules-planted.out")"
fi

# --- 3. bad input: one clear error, no task started
sheets="$scratch/sheets"
mkdir -p "$sheets"
data="$root/test-data"
{ echo "cell,mark,file"; echo "c1,H3K4me3,$data/H3K4me3.bam"; echo "c1,H3K4me1,$data/no-such.bam"; } >"$sheets/missing.csv"
{ echo "cell,mark,file"; echo "c1,H3K4me3,$data/H3K4me3.bam"; echo "c1,H3K4me1,$data/H3K4me1.bam"; echo "c1,H3K4me3,$data/H3K27me3.bam"; } >"$sheets/duplicate.csv"
{ echo "cell,mark,file,replicate"; echo "c1,H3K4me3,$data/H3K4me3.bam,1"; } >"$sheets/column.csv"
{ echo "cell,train,valid,test"; echo "c1,$data/matrix/train.csv,$data/matrix/valid.csv,$data/matrix/missing.csv"; } >"$sheets/cells-missing.csv"
common=(-stub-run --genes "$data/genes.bed" --expression "$data/expression.tsv")
# expect_error NAME PATTERN ARGS...: the run fails, says PATTERN, and started no task.
expect_error() {
  local name=$1 pattern=$2
  shift 2
  if run "$name" "$@"; then
    fail "bad input: $name" "the run succeeded"
  elif ! grep -qE -e "$pattern" "$scratch/$name.out"; then
    fail "bad input: $name" "no line matching '$pattern' in: $(grep -m3 -E 'ERROR|deepchrome' "$scratch/$name.out")"
  elif grep -q 'Submitted process' "$scratch/$name.out" || ls "$scratch/$name/work" 2>/dev/null | grep -q .; then
    fail "bad input: $name" "a task started before the error"
  else
    pass "bad input: $name ($(grep -m1 -oE -e "$pattern" "$scratch/$name.out"))"
  fi
}
expect_error missing-file "missing.csv:3: file .*no-such.bam: no such file" --input "$sheets/missing.csv" "${common[@]}"
expect_error duplicate-cell-mark "duplicate.csv:4: duplicate cell\+mark c1 H3K4me3 \(first on line 2\)" --input "$sheets/duplicate.csv" "${common[@]}"
expect_error unknown-column "column.csv:1: unknown column 'replicate'" --input "$sheets/column.csv" "${common[@]}"
expect_error ready-cell-missing "cells-missing.csv:2: test .*missing.csv: no such file" --cells "$sheets/cells-missing.csv" -stub-run
expect_error unknown-parameter "unknown parameter --epoch " --epoch 3 -stub-run
expect_error bad-model-type "--model_types 'cnn,xgboost' does not match" --model_types cnn,xgboost -stub-run
expect_error bad-image-format "--image_format 'png,pdf' does not match" --image_format png,pdf -stub-run
expect_error bad-optimizer "--optimizer 'adagrad' is not one of adam, sgd, rmsprop" --optimizer adagrad -stub-run

# --- 4. stub runs of the whole graph
tasks_in() { grep -cE '(Submitted|Cached) process >' "$scratch/$1.out"; }
if run stub-bundled -stub-run; then
  rows=$(tail -n +2 "$scratch/stub-bundled/results/summary/auc_summary.tsv" 2>/dev/null | wc -l)
  if [ "$rows" -eq 4 ] && [ -s "$scratch/stub-bundled/results/report/deepchrome_report.html" ] &&
     [ -f "$scratch/stub-bundled/results/synthetic/cnn/heatmaps/class_optimization.png" ] &&
     grep -q 'running on the bundled test data' "$scratch/stub-bundled.out"; then
    pass "stub-run, no parameters (bundled data): $(tasks_in stub-bundled) tasks, 4 summary rows, report"
  else
    fail "stub-run, no parameters" "summary rows $rows; $(ls -R "$scratch/stub-bundled/results" | head -20)"
  fi
else
  fail "stub-run, no parameters" "$(tail -20 "$scratch/stub-bundled.out")"
fi
# The stubs print the commands they stand in for: the tools' current option names, and
# --threads from task.cpus in every tool task.
commands=$(cat "$scratch"/stub-bundled/work/*/*/.command.out 2>/dev/null | grep '^deepchrome-' || true)
train_ok=$(grep '^deepchrome-train ' <<<"$commands" | grep -- '--model-type ' | grep -c -- '--epoch-table ')
visualize_ok=$(grep '^deepchrome-visualize ' <<<"$commands" | grep -- '--epoch-table ' | grep -- '--image-format png,svg' | grep -c -- '--iterations 500 --top 10 ')
no_threads=$(grep -vc -- '--threads [0-9]' <<<"$commands")
if [ "$train_ok" -eq 4 ] && [ "$visualize_ok" -eq 1 ] && [ "$(grep -c . <<<"$commands")" -eq 10 ] && [ "$no_threads" -eq 0 ]; then
  pass "stub-run commands: train --model-type/--epoch-table (4), visualize --epoch-table/--image-format, --threads in all 10"
else
  fail "stub-run commands" "train $train_ok of 4, visualize $visualize_ok of 1, without --threads $no_threads: $commands"
fi

# Old parameter names still work, each with one warning, and win over the new names; a
# config's ext.when skips tasks (here predict for rf, so only cnn is predicted).
printf "process {\n    withName: 'DEEPCHROME_PREDICT' {\n        ext.when = { meta.model_type != 'rf' }\n    }\n}\n" >"$scratch/when.config"
if run stub-deprecated -stub-run -c "$scratch/when.config" --models cnn,rf --vis_top 3 --vis_iterations 7 --vis_format svg --top 9; then
  warnings=$(grep -c 'WARN: deepchrome: --[a-z_]* is deprecated; use --[a-z_]*$' "$scratch/stub-deprecated.out")
  commands=$(cat "$scratch"/stub-deprecated/work/*/*/.command.out 2>/dev/null | grep '^deepchrome-' || true)
  kinds=$(grep '^deepchrome-train ' <<<"$commands" | grep -o -- '--model-type [a-z]*' | sort | tr '\n' ' ')
  predicted=$(grep '^deepchrome-predict ' <<<"$commands" | grep -o -- '--model [^ ]*' | tr '\n' ' ')
  visualize=$(grep '^deepchrome-visualize ' <<<"$commands" || true)
  if [ "$warnings" -eq 4 ] && grep -q 'WARN: deepchrome: --models is deprecated; use --model_types' "$scratch/stub-deprecated.out" &&
     [ "$kinds" = "--model-type cnn --model-type rf " ] && [ "$predicted" = "--model synthetic.cnn.zip " ] &&
     grep -q -- '--iterations 7 --top 3 --image-format svg ' <<<"$visualize"; then
    pass "deprecated --models/--vis_*: 4 one-line warnings, their values reach train and visualize (over --top 9); ext.when skipped predict for rf"
  else
    fail "deprecated names and ext.when" "warnings $warnings, train '$kinds', predict '$predicted', visualize '$visualize'"
  fi
else
  fail "deprecated names and ext.when" "$(tail -20 "$scratch/stub-deprecated.out")"
fi

# Users' own data (issue 14): a bigWig mark, a BAM input control, --blacklist, --gene_types,
# --tss, --control_operation reach bin-signals; the cell with a log2 control trains with
# --transform none (its matrix is signed).
mkdir -p "$scratch/own-data"
cp "$data/H3K4me3.bam" "$data/H3K4me3.bam.bai" "$data/H3K9me3.bam" "$data/H3K9me3.bam.bai" "$scratch/own-data/"
"$python3" -c "import pyBigWig; bw = pyBigWig.open('$scratch/own-data/K27.bw', 'w'); bw.addHeader([('chr1', 2500000)]); bw.addEntries(['chr1'], [0], ends=[1000], values=[1.0]); bw.close()"
printf 'cell,mark,file,control\nown,H3K4me3,H3K4me3.bam,H3K9me3.bam\nown,H3K27me3,K27.bw,\n' >"$scratch/own-data/sheet.csv"
printf 'chr1\t0\t1000\n' >"$scratch/own-data/blacklist.bed"
cp "$data/expression.tsv" "$scratch/own-data/"
printf 'cell,mark,file,control\nown,H3K4me3,H3K4me3.bam,expression.tsv\n' >"$scratch/own-data/sheet-bad-control.csv"
if run stub-own-data -stub-run --input "$scratch/own-data/sheet.csv" --genes "$data/genes.gtf" --expression "$data/expression.tsv" \
    --split chrom:chr3:chr2 --blacklist "$scratch/own-data/blacklist.bed" --gene_types protein_coding,lncRNA --tss transcript \
    --model_types logistic; then
  commands=$(cat "$scratch"/stub-own-data/work/*/*/.command.out 2>/dev/null | grep '^deepchrome-' || true)
  binsignals=$(grep '^deepchrome-bin-signals ' <<<"$commands" || true)
  if grep -q -- "--mark 'H3K27me3=linked/1/K27.bw' --control 'H3K4me3=linked/2/H3K9me3.bam'" <<<"$binsignals" &&
     grep -q -- '--blacklist blacklist.bed' <<<"$binsignals" && grep -q -- '--tss transcript --control-operation log2 --gene-types protein_coding,lncRNA' <<<"$binsignals" &&
     grep '^deepchrome-train ' <<<"$commands" | grep -q -- '--transform none'; then
    pass "stub-run, own data: bigWig mark, BAM control, blacklist, gene types, transcript TSS reach bin-signals; train --transform none"
  else
    fail "stub-run, own data" "$commands"
  fi
else
  fail "stub-run, own data" "$(tail -20 "$scratch/stub-own-data.out")"
fi
expect_error control-not-reads "sheet-bad-control.csv:2: control expression.tsv: not BAM, CRAM, SAM, BED, tagAlign or bigWig" \
  --input "$scratch/own-data/sheet-bad-control.csv" --genes "$data/genes.bed" --expression "$data/expression.tsv" -stub-run

# Retries (nextflow/conf/base.config): a task killed as a scheduler does at its time limit
# (exit 140) is retried with task.attempt 2; a plain failure (exit 1) is not, and ends the run.
# The stubs echo their arguments inside double quotes, so an ext.args of '"; exit N; echo "'
# makes a stub task exit N: here training fails once with 140, then predict with 1.
cat >"$scratch/retry.config" <<'EOF'
process {
    withName: 'DEEPCHROME_TRAIN' {
        ext.args = { task.attempt == 1 ? '"; exit 140; echo "' : '' }
    }
    withName: 'DEEPCHROME_PREDICT' {
        ext.args = '"; exit 1; echo "'
    }
}
EOF
if run stub-retry -stub-run -c "$scratch/retry.config" --model_types cnn; then
  fail "retries" "the run succeeded although predict always fails"
else
  trace=$(ls "$scratch"/stub-retry/results/pipeline_info/execution_trace_*.txt 2>/dev/null | head -1)
  attempts=$(awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
    $col["name"] ~ /^DEEPCHROME_(TRAIN|PREDICT)/ {print $col["name"], $col["exit"], $col["status"]}' "$trace" 2>/dev/null | tr '\n' ';')
  expected="DEEPCHROME_TRAIN (synthetic:cnn) 140 FAILED;DEEPCHROME_TRAIN (synthetic:cnn) 0 COMPLETED;DEEPCHROME_PREDICT (synthetic:cnn) 1 FAILED;"
  if [ "$attempts" = "$expected" ]; then
    pass "retries: train's exit 140 retried (attempt 2 succeeds); predict's exit 1 not retried, the run fails"
  else
    fail "retries" "attempts '$attempts', expected '$expected'"
  fi
fi

# Two alignment cells (one with only two marks) sharing an expression table with a column per
# cell, plus a ready CSV cell.
{ echo "cell,mark,file,index"
  for mark in H3K4me3 H3K4me1 H3K36me3 H3K9me3 H3K27me3; do echo "cellA,$mark,$data/$mark.bam,$data/$mark.bam.bai"; done
  echo "cellB,H3K4me3,$data/H3K4me3.bam,"
  echo "cellB,H3K36me3,$data/H3K36me3.bam,"; } >"$sheets/two-cells.csv"
awk 'BEGIN {FS = OFS = "\t"} NR == 1 {print "gene_id", "cellB", "cellA"; next} {print $1, $2 * 2, $2}' \
  "$data/expression.tsv" >"$sheets/expression-by-cell.tsv"
if run stub-two-sources -stub-run --input "$sheets/two-cells.csv" --genes "$data/genes.bed" \
    --expression "$sheets/expression-by-cell.tsv" --split chrom:chr3:chr2 --cells "$data/samplesheet_cells.csv" --model_types cnn,logistic; then
  summary="$scratch/stub-two-sources/results/summary/auc_summary.tsv"
  cells=$(tail -n +2 "$summary" | cut -f1 | sort -u | tr '\n' ' ')
  binsignals=$(grep -c 'Submitted process > DEEPCHROME_BINSIGNALS' "$scratch/stub-two-sources.out")
  # The bin-signals stub prints the command it stands in for: each cell its own column and marks.
  commands=$(cat "$scratch"/stub-two-sources/work/*/*/.command.out | grep '^deepchrome-bin-signals' || true)
  columnA=$(grep -c -- "--expression-column 'cellA'" <<<"$commands")
  columnB=$(grep -c -- "--expression-column 'cellB'" <<<"$commands")
  marksB=$(grep -c -- "--mark 'H3K36me3=linked/1/H3K36me3.bam'" <<<"$commands")
  if [ "$cells" = "cellA cellB synthetic_csv " ] && [ "$(tail -n +2 "$summary" | wc -l)" -eq 6 ] && [ "$binsignals" -eq 2 ] &&
     [ "$columnA" -eq 1 ] && [ "$columnB" -eq 1 ] && [ "$marksB" -eq 1 ]; then
    pass "stub-run, 2 alignment cells (expression column per cell, one with 2 marks) + 1 ready CSV cell"
  else
    fail "stub-run, alignments + ready CSV cells" "cells '$cells', bin-signals tasks $binsignals, expression columns A $columnA B $columnB, cellB second mark $marksB"
  fi
else
  fail "stub-run, alignments + ready CSV cells" "$(tail -20 "$scratch/stub-two-sources.out")"
fi

# --- 5. real run, -profile test
start=$(date +%s%N)
run real -profile test
status=$?
milliseconds=$((($(date +%s%N) - start) / 1000000))
results="$scratch/real/results"
if [ $status -ne 0 ]; then
  fail "real run -profile test" "$(grep -v '^\s*INFO\|BaggingTrainer' "$scratch/real.out" | tail -30)"
else
  pass "real run -profile test: $((milliseconds / 1000)).$((milliseconds % 1000 / 100)) s wall, $(tasks_in real) tasks"
  # Summary: one row per model, AUC and accuracy in [0,1] and equal to predict's metrics.
  summary="$results/summary/auc_summary.tsv"
  problems=""
  [ "$(head -1 "$summary")" = "$(printf 'cell\tmodel\ttest_auc\taccuracy\tgenes')" ] || problems+=" header;"
  for model in cnn rf svm logistic; do
    row=$(awk -F'\t' -v m="$model" '$1 == "synthetic" && $2 == m' "$summary")
    if [ -z "$row" ]; then problems+=" no $model row;"; continue; fi
    metrics="$results/synthetic/$model/synthetic.$model.metrics.json"
    expected=$("$python3" -c "import json,sys; m=json.load(open(sys.argv[1])); print('%.4f\t%.4f\t%d' % (m['auc'], m['accuracy'], m['genes']))" "$metrics" 2>&1)
    [ "$(echo "$row" | cut -f3-5)" = "$expected" ] || problems+=" $model row '$(echo "$row" | cut -f3-5)' != metrics '$expected';"
    echo "$row" | awk -F'\t' '!($3 >= 0 && $3 <= 1 && $4 >= 0 && $4 <= 1 && $5 > 0) {exit 1}' || problems+=" $model values out of range;"
  done
  # The synthetic marks carry the expression signal: every model must beat chance clearly.
  weak=$(awk -F'\t' 'NR > 1 && $3 < 0.7 {printf "%s %s; ", $2, $3}' "$summary")
  [ -z "$weak" ] || problems+=" test AUC below 0.7: $weak"
  if [ -z "$problems" ]; then
    pass "AUC table: 4 rows, equal to the metrics, AUCs $(awk -F'\t' 'NR > 1 {printf "%s=%s ", $2, $3}' "$summary")"
  else
    fail "AUC table" "$problems"
  fi
  # Heatmaps: real PNG files under results/<cell>/<model>/heatmaps.
  missing=""
  png_magic=$(printf '\x89PNG')
  for file in cnn/heatmaps/class_optimization.png cnn/heatmaps/saliency.png cnn/heatmaps/profile_heatmap.png \
      cnn/heatmaps/roc.png cnn/heatmaps/training_curves.png; do
    path="$results/synthetic/$file"
    if [ ! -s "$path" ] || [ "$(head -c 4 "$path")" != "$png_magic" ]; then missing+=" $file"; fi
  done
  classes=$(awk -F'\t' 'NR > 1 {print $1}' "$results/synthetic/cnn/heatmaps/class_optimization.tsv" 2>/dev/null | sort -u | wc -l)
  cells=$(awk -F'\t' 'NR > 1' "$results/synthetic/cnn/heatmaps/class_optimization.tsv" 2>/dev/null | wc -l)
  if [ -z "$missing" ] && [ "$classes" -eq 2 ] && [ "$cells" -eq $((2 * 5 * 100)) ]; then
    pass "heatmaps: PNGs published, class_optimization.tsv has 2 classes x 5 marks x 100 bins"
  else
    fail "heatmaps" "missing or not PNG:${missing:- none}; class_optimization.tsv classes $classes, values $cells"
  fi
  # Report: the AUC table rows, one ROC curve per model, embedded heatmaps.
  report="$results/report/deepchrome_report.html"
  table_rows=$(grep -c '^<tr><td>synthetic</td>' "$report" 2>/dev/null)
  curves=$(grep -c '<polyline' "$report" 2>/dev/null)
  images=$(grep -o 'data:image/png;base64,' "$report" 2>/dev/null | wc -l)
  if [ "$table_rows" -eq 4 ] && [ "$curves" -eq 4 ] && [ "$images" -ge 3 ] && grep -q 'class optimization' "$report"; then
    pass "report: 4 AUC rows, 4 ROC curves, $images embedded images"
  else
    fail "report" "AUC rows $table_rows, ROC curves $curves, images $images"
  fi
  # The same report in headless Chromium: images load, table and ROC tick labels are drawn;
  # the check must also reject planted faults (a broken image, a truncated one, no tick labels).
  if "$python3" "$root/nextflow/tests/check_report.py" "$report" --rows 4 --curves 4 --min-images 3 \
      --screenshot "$scratch/report.png" --planted >"$scratch/report-browser.out" 2>&1; then
    pass "report in chromium: $(tail -1 "$scratch/report-browser.out")"
  else
    fail "report in chromium" "$(cat "$scratch/report-browser.out")"
  fi

  # Java heap from task.memory: the test profile caps every task at 6 GB → -Xmx 0.75 × 6144 MB.
  java_tasks=0
  wrong_heap=""
  while IFS= read -r script; do
    grep -q 'deepchrome-\(bin-signals\|train\|predict\|visualize\) ' "$script" || continue
    java_tasks=$((java_tasks + 1))
    grep -q 'DEEPCHROME_JAVA_OPTS="-Xmx4608m"' "$script" || wrong_heap+=" $script"
  done < <(find "$scratch/real/work" -name .command.sh)
  if [ "$java_tasks" -ge 10 ] && [ -z "$wrong_heap" ]; then
    pass "Java heap: all $java_tasks tool tasks run with -Xmx4608m (0.75 x the 6 GB task memory)"
  else
    fail "Java heap" "$java_tasks tool tasks; without -Xmx4608m:${wrong_heap:- none}"
  fi

  # --- 6. resume: every task cached, none run again
  first=$(tasks_in real)
  if run real -profile test -resume; then
    cached=$(grep -c 'Cached process >' "$scratch/real.out")
    submitted=$(grep -c 'Submitted process >' "$scratch/real.out")
    if [ "$submitted" -eq 0 ] && [ "$cached" -eq "$first" ]; then
      pass "-resume: all $cached tasks cached, none submitted"
    else
      fail "-resume" "$cached cached, $submitted submitted (first run: $first tasks)"
    fi
  else
    fail "-resume" "$(tail -20 "$scratch/real.out")"
  fi
fi

# --- 7. the same run on a real one-node SLURM cluster (as root), compared with the local run
slurm_args=()
[ -s "$results/summary/auc_summary.tsv" ] && slurm_args=("$results/summary/auc_summary.tsv")
"$root/nextflow/tests/slurm-test.sh" "${slurm_args[@]}" >"$scratch/slurm.out" 2>&1
slurm_status=$?
if grep -q '^slurm-test: SKIPPED' "$scratch/slurm.out"; then
  echo "SKIP $(grep '^slurm-test: SKIPPED' "$scratch/slurm.out")"
elif [ $slurm_status -eq 0 ]; then
  pass "$(tail -1 "$scratch/slurm.out")"
  sed 's/^/     /' "$scratch/slurm.out" | grep -v ' slurm: '
else
  fail "slurm" "$(cat "$scratch/slurm.out")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
