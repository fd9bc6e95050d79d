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
# 6. the same run with -resume redoes nothing; 6a. AttentiveChrome (nextflow/tests/attentive-test.sh):
#    a stub run of both tasks and a real -profile test run with cnn,attentive (attention figures
#    published and in the report); 6b. a run killed (SIGKILL) while training, then
#    resumed: finished tasks cached, the rest rerun, results equal an uninterrupted run's;
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
# stdout only: on a fresh machine the launcher's first run resolves Nextflow with Maven, whose
# stderr (a line, then colour resets without a newline) would otherwise glue onto the first params line
(cd "$root" && "$nextflow" config -flat >"$scratch/flat-default.txt" 2>"$scratch/flat.err" &&
  "$nextflow" config -flat -profile test >"$scratch/flat-test.txt" 2>>"$scratch/flat.err")
if "$python3" "$root/nextflow/tests/check_schema.py" "$scratch/flat-default.txt" "$scratch/flat-test.txt" >"$scratch/schema.out" 2>&1; then
  pass "schema: $(tail -1 "$scratch/schema.out")"
else
  fail "schema" "$(cat "$scratch/schema.out" "$scratch/flat.err")"
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
  caps+="$profiles: $(cd "$root" && "$nextflow" config -flat -profile "$profiles" 2>>"$scratch/flat.err" | grep '^params.max_' | tr '\n' ' ')
"
done
if [ "$(grep -c "params.max_cpus = 2 params.max_memory = '6.GB' params.max_time = '1.h' $" <<<"$caps")" -eq 3 ] &&
   grep -q "^slurm: params.max_cpus = 64 params.max_memory = '512.GB' params.max_time = '72.h' $" <<<"$caps"; then
  pass "resource caps: 2 CPUs, 6 GB, 1 h with test, test,slurm and slurm,test; 64 CPUs, 512 GB, 72 h with slurm alone"
else
  fail "resource caps by profile order" "$caps"
fi

# Retry rule as the config states it (nextflow config -flat): the errorStrategy closure, run by
# Groovy (from the lint's nf-lang libraries) for every exit status 0-255, must retry exactly the
# preemption and resource kills (nf-core's convention: 130-145, 104, 175), with maxRetries >= 1.
strategy=$(sed -n 's/^process\.errorStrategy = //p' "$scratch/flat-default.txt")
retries=$(sed -n 's/^process\.maxRetries = //p' "$scratch/flat-default.txt")
nflang_lib="${DEEPCHROME_NFLANG_LIB:-${XDG_CACHE_HOME:-$HOME/.cache}/deepchrome/nf-lang-25.04.0/lib}"
retried=$(java -cp "$nflang_lib/*" groovy.ui.GroovyMain -e "
  def strategy = $strategy
  def retried = (0..255).findAll { code ->
    def closure = strategy.clone()
    closure.delegate = [task: [exitStatus: code]]
    closure.resolveStrategy = Closure.DELEGATE_FIRST
    closure.call() == 'retry'
  }
  println(retried.join(' '))" 2>&1)
expected_retried="$(seq -s ' ' 104 104) $(seq -s ' ' 130 145) 175"
if [ "$retried" = "$expected_retried" ] && [ "${retries:-0}" -ge 1 ]; then
  pass "retry rule from the config: exit statuses 104, 130-145, 175 retried (maxRetries $retries), 0-255 otherwise not"
else
  fail "retry rule from the config" "retried '$retried' (want '$expected_retried'), maxRetries '$retries'; errorStrategy $strategy"
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
{ echo "cell,mark,file"; echo "c1,H3K4me3,$data/H3K4me3.bam"; echo "c1,H3K4me1,$data/H3K4me1.bam,extra"; } >"$sheets/fields.csv"
{ echo "cell,mark,file"; echo "K562 rep1,H3K4me3,$data/H3K4me3.bam"; } >"$sheets/name.csv"
# A control (issue 14) that is not reads: an expression table.
{ echo "cell,mark,file,control"; echo "c1,H3K4me3,$data/H3K4me3.bam,$data/expression.tsv"; } >"$sheets/bad-control.csv"
mkdir -p "$sheets/empty"
common=(-stub-run --genes "$data/genes.bed" --expression "$data/expression.tsv")
# The pipeline rows of docs/bad-inputs.md: id -> message (with {sheets} and {data} filled in) and exit status.
catalogue=$(awk -F' [|] ' '/^[|] `nf-/ {gsub(/`/, "", $1); gsub(/`/, "", $4); sub(/^[|] /, "", $1); sub(/ [|]$/, "", $5); print $1 "\t" $4 "\t" $5}' "$root/docs/bad-inputs.md" |
  sed -e 's/\\|/|/g' -e "s#{sheets}#$sheets#g" -e "s#{data}#$data#g")
tested_rows=()
# expect_row ID ARGS...: the run fails with the row's exit status, prints the row's line (alone or
# after "ERROR ~ "), and started no task.
expect_row() {
  local id=$1 message status
  shift
  tested_rows+=("$id")
  message=$(awk -F'\t' -v id="$id" '$1 == id {print $2}' <<<"$catalogue")
  status=$(awk -F'\t' -v id="$id" '$1 == id {print $3}' <<<"$catalogue")
  if [ -z "$message" ]; then
    fail "bad input: $id" "no row $id in docs/bad-inputs.md"
    return
  fi
  run "$id" "$@"
  local code=$?
  if [ "$code" -ne "$status" ]; then
    fail "bad input: $id" "exit status $code, the catalogue says $status: $(grep -m3 -E 'ERROR|deepchrome' "$scratch/$id.out")"
  elif ! grep -qxF -e "$message" -e "ERROR ~ $message" "$scratch/$id.out"; then
    fail "bad input: $id" "no line '$message' in: $(grep -m3 -E 'ERROR|deepchrome' "$scratch/$id.out")"
  elif grep -q 'Submitted process' "$scratch/$id.out" || ls "$scratch/$id/work" 2>/dev/null | grep -q .; then
    fail "bad input: $id" "a task started before the error"
  else
    pass "bad input: $id ($message)"
  fi
}
expect_row nf-missing-file --input "$sheets/missing.csv" "${common[@]}"
expect_row nf-duplicate-cell-mark --input "$sheets/duplicate.csv" "${common[@]}"
expect_row nf-unknown-column --input "$sheets/column.csv" "${common[@]}"
expect_row nf-field-count --input "$sheets/fields.csv" "${common[@]}"
expect_row nf-bad-cell-name --input "$sheets/name.csv" "${common[@]}"
expect_row nf-input-without-genes --input "$data/samplesheet.csv" --expression "$data/expression.tsv" -stub-run
expect_row nf-ready-cell-missing --cells "$sheets/cells-missing.csv" -stub-run
expect_row nf-cells-empty-folder --cells "$sheets/empty" -stub-run
expect_row nf-unknown-parameter --epoch 3 -stub-run
expect_row nf-bad-model-type --model_types cnn,xgboost -stub-run
expect_row nf-bad-image-format --image_format png,pdf -stub-run
expect_row nf-bad-optimizer --optimizer adagrad -stub-run
expect_row nf-cross-cell-not-boolean --cross_cell maybe -stub-run
expect_row nf-bad-task --tasks classification,clustering -stub-run
expect_row nf-task-without-model --tasks regression --model_types svm,logistic -stub-run
expect_row nf-control-not-reads --input "$sheets/bad-control.csv" "${common[@]}"
# Every pipeline row of the catalogue has run above, and nothing else.
documented=$(cut -f1 <<<"$catalogue" | sort | tr '\n' ' ')
ran=$(printf '%s\n' "${tested_rows[@]}" | sort | tr '\n' ' ')
if [ "$documented" = "$ran" ]; then
  pass "bad-input catalogue: the $(wc -w <<<"$ran") pipeline rows of docs/bad-inputs.md are the cases run"
else
  fail "bad-input catalogue" "rows: $documented; cases run: $ran"
fi

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

# Cross-cell (issue 12): three ready cells. cellB's test split is cellA's train split (so
# genes_in_source_training for cellA's models on cellB is all of them, counted, not assumed) and
# its train values are decimals (a units warning between A and B); cellC has four marks (its
# pairs are skipped with a note, not an error). The profiles and the table are real in a stub run.
cc="$scratch/cross-cell-data"
mkdir -p "$cc"
awk -F, 'BEGIN {OFS = ","} {for (i = 3; i <= 7; i++) $i = $i * 0.37; print}' "$data/matrix/valid.csv" >"$cc/b_train.csv"
for split in train test; do
  { echo "gene_id,bin,H3K4me3,H3K27me3,H3K36me3,H3K4me1,label"; cut -d, -f1-6,8 "$data/matrix/$split.csv"; } >"$cc/c_$split.csv"
done
{ echo "cell,train,valid,test"
  echo "cellA,$data/matrix/train.csv,$data/matrix/valid.csv,$data/matrix/test.csv"
  echo "cellB,$cc/b_train.csv,$data/matrix/test.csv,$data/matrix/train.csv"
  echo "cellC,$cc/c_train.csv,$data/matrix/valid.csv,$cc/c_test.csv"; } >"$cc/cells.csv"
if run stub-cross-cell -stub-run --cells "$cc/cells.csv" --model_types cnn,logistic; then
  table="$scratch/stub-cross-cell/results/summary/cross_cell.tsv"
  a_train_genes=$(cut -d, -f1 "$data/matrix/train.csv" | sort -u | wc -l)
  problems=""
  [ "$(head -1 "$table")" = "$(printf 'train_cell\ttest_cell\tmodel\ttask\tmetric\tvalue\tgenes\tgenes_in_source_training\tnote')" ] || problems+=" header '$(head -1 "$table")';"
  [ "$(tail -n +2 "$table" | wc -l)" -eq 18 ] || problems+=" $(tail -n +2 "$table" | wc -l) rows, want 3 x 3 x 2;"
  [ "$(awk -F'\t' '$1 == "cellA" && $2 == "cellB" {print $8}' "$table" | sort -u)" = "$a_train_genes" ] || problems+=" cellA on cellB: genes_in_source_training not $a_train_genes;"
  [ "$(awk -F'\t' '$1 == $2 && $8 != 0' "$table" | wc -l)" -eq 0 ] || problems+=" own-cell rows with genes in training;"
  [ "$(awk -F'\t' '($1 == "cellC") != ($2 == "cellC") && $6 == "NA" && $9 ~ /^skipped: marks differ/' "$table" | wc -l)" -eq 8 ] || problems+=" cellC pairs not all skipped with a note;"
  [ "$(awk -F'\t' '$1 != "cellC" && $2 != "cellC" && $6 == "0.5000" && $5 == "auc"' "$table" | wc -l)" -eq 8 ] || problems+=" A/B pairs not all scored;"
  [ "$(awk -F'\t' '(($1 == "cellA" && $2 == "cellB") || ($1 == "cellB" && $2 == "cellA")) && $9 ~ /^warning: value units may differ/' "$table" | wc -l)" -eq 4 ] || problems+=" no units warning between cellA and cellB;"
  [ "$(grep -c 'WARN: deepchrome: cross-cell .* skipped: marks differ' "$scratch/stub-cross-cell.out")" -eq 4 ] || problems+=" not 4 skip warnings in the log;"
  [ "$(grep -c 'Submitted process > DEEPCHROME_PREDICT_CROSS' "$scratch/stub-cross-cell.out")" -eq 4 ] || problems+=" not 4 cross predict tasks;"
  [ -f "$scratch/stub-cross-cell/results/cellA/cnn/cross_cell/cellA.cnn.on_cellB.metrics.json" ] || problems+=" cross metrics not published;"
  # The heatmaps in Chromium (the stubs' PNGs are empty files: the copy leaves the images out).
  sed 's/<img [^>]*>//' "$scratch/stub-cross-cell/results/report/deepchrome_report.html" >"$scratch/cross-cell-report.html"
  if ! "$python3" "$root/nextflow/tests/check_report.py" "$scratch/cross-cell-report.html" --min-images 0 \
      --cross-cell "$table" --planted >"$scratch/cross-cell-report.out" 2>&1; then
    grep -q 'chromium is not on PATH' "$scratch/cross-cell-report.out" || problems+=" report: $(cat "$scratch/cross-cell-report.out");"
  fi
  if [ -z "$problems" ]; then
    pass "cross-cell stub run: 18 rows, cellA on cellB $a_train_genes genes in source training, cellC pairs skipped with a note, units warning A/B; report $(tail -1 "$scratch/cross-cell-report.out")"
  else
    fail "cross-cell stub run" "$problems"
  fi
else
  fail "cross-cell stub run" "$(tail -20 "$scratch/stub-cross-cell.out")"
fi
# Regression models across cells: pearson_r, and each cross prediction reads the observed
# levels of the test cell (its own column of a shared expression table).
awk 'BEGIN {FS = OFS = "\t"} NR == 1 {print "gene_id", "cellA", "cellB"; next} {print $1, $2, $2 * 2}' "$data/expression.tsv" >"$cc/expression-ab.tsv"
head -3 "$cc/cells.csv" >"$cc/cells-ab.csv"
if run stub-cross-cell-regression -stub-run --cells "$cc/cells-ab.csv" --expression "$cc/expression-ab.tsv" --tasks regression --model_types ridge; then
  table="$scratch/stub-cross-cell-regression/results/summary/cross_cell.tsv"
  commands=$(cat "$scratch"/stub-cross-cell-regression/work/*/*/.command.out 2>/dev/null | grep '^deepchrome-predict ' || true)
  on_b=$(grep -c -- "--expression-column 'cellB' --output cellA.ridge_regression.on_cellB" <<<"$commands")
  on_a=$(grep -c -- "--expression-column 'cellA' --output cellB.ridge_regression.on_cellA" <<<"$commands")
  metrics=$(tail -n +2 "$table" | cut -f3,5 | sort -u | tr '\t\n' ' ;')
  if [ "$on_a" -eq 1 ] && [ "$on_b" -eq 1 ] && [ "$metrics" = "ridge_regression pearson_r;" ] && [ "$(tail -n +2 "$table" | wc -l)" -eq 4 ]; then
    pass "cross-cell regression stub run: 4 rows of pearson_r, each cross prediction with the test cell's observed levels"
  else
    fail "cross-cell regression stub run" "on cellA $on_a, on cellB $on_b, metrics '$metrics': $commands"
  fi
else
  fail "cross-cell regression stub run" "$(tail -20 "$scratch/stub-cross-cell-regression.out")"
fi
if run stub-cross-cell-off -stub-run --cells "$cc/cells.csv" --model_types logistic --cross_cell false; then
  if [ ! -e "$scratch/stub-cross-cell-off/results/summary/cross_cell.tsv" ] && ! grep -q 'DEEPCHROME_PREDICT_CROSS\|DEEPCHROME_MATRIX_PROFILE' "$scratch/stub-cross-cell-off.out"; then
    pass "--cross_cell false: no cross-cell tasks, no cross_cell.tsv"
  else
    fail "--cross_cell false" "cross-cell tasks or table present"
  fi
else
  fail "--cross_cell false" "$(tail -20 "$scratch/stub-cross-cell-off.out")"
fi

# Regression wiring (issue 12), in a stub run: both tasks on a ready cell, its targets from
# --expression with --expression_column; each task trains the listed types that apply to it
# (svm: classification only; ridge: regression only; cnn: both). The stubs stand in for the
# regression tools (deepchrome-train --task regression; predict's level outputs): the real run
# of this graph needs the tools with regression (docs/pipeline.md).
value_column=$(head -1 "$data/expression.tsv" | cut -f2)
if run stub-regression -stub-run --cells "$data/samplesheet_cells.csv" --expression "$data/expression.tsv" \
    --expression_column "$value_column" --tasks classification,regression --model_types cnn,ridge,svm; then
  out="$scratch/stub-regression"
  commands=$(cat "$out"/work/*/*/.command.out 2>/dev/null | grep '^deepchrome-' || true)
  problems=""
  trained=$(grep '^deepchrome-train ' <<<"$commands" | grep -oE -- '--model-type [a-z]+( --task regression)?' | sort | tr '\n' ';')
  [ "$trained" = "--model-type cnn;--model-type cnn --task regression;--model-type ridge --task regression;--model-type svm;" ] || problems+=" trained '$trained';"
  [ "$(grep '^deepchrome-train .*--task regression' <<<"$commands" | grep -c -- "--expression expression.tsv --expression-column '$value_column' ")" -eq 2 ] || problems+=" regression targets not passed;"
  [ "$(grep '^deepchrome-predict .*_regression' <<<"$commands" | grep -c -- '--roc')" -eq 0 ] || problems+=" --roc for a regression model;"
  [ "$(grep '^deepchrome-predict ' <<<"$commands" | grep -c -- '--roc ')" -eq 2 ] || problems+=" classification predictions without --roc;"
  [ "$(grep '^deepchrome-predict .*_regression' <<<"$commands" | grep -c -- "--expression expression.tsv --expression-column '$value_column' ")" -eq 2 ] || problems+=" regression predict without the observed levels' table;"
  [ "$(grep '^deepchrome-predict ' <<<"$commands" | grep -v _regression | grep -c -- '--expression')" -eq 0 ] || problems+=" --expression for a classification model;"
  [ "$(grep -c '^deepchrome-visualize ' <<<"$commands")" -eq 2 ] || problems+=" visualize not for both CNNs;"
  [ "$(cut -f2 "$out/results/summary/regression_summary.tsv" 2>/dev/null | tr '\n' ' ')" = "model cnn_regression ridge_regression " ] || problems+=" regression_summary.tsv: $(cat "$out/results/summary/regression_summary.tsv" 2>&1);"
  [ "$(tail -n +2 "$out/results/summary/auc_summary.tsv" | cut -f2 | tr '\n' ' ')" = "cnn svm " ] || problems+=" auc_summary.tsv rows;"
  [ -f "$out/results/synthetic_csv/ridge_regression/synthetic_csv.ridge_regression.predictions.tsv" ] || problems+=" ridge_regression predictions not published;"
  report="$out/results/report/deepchrome_report.html"
  [ "$(grep -c '^<tr><td>synthetic_csv</td><td>[a-z]*_regression</td>' "$report")" -eq 2 ] || problems+=" report: regression rows;"
  [ "$(grep -o "<svg class='scatter' data-cell='synthetic_csv' data-model='[a-z_]*' data-points='3'" "$report" | wc -l)" -eq 2 ] || problems+=" report: 2 scatter plots of 3 points;"
  if [ -z "$problems" ]; then
    pass "stub-run regression: cnn/svm classification, cnn/ridge regression with --expression-column (train and predict), no ROC for regression, both CNNs visualized, regression_summary.tsv, report table and scatters"
  else
    fail "stub-run regression" "$problems"
  fi
else
  fail "stub-run regression" "$(tail -20 "$scratch/stub-regression.out")"
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

# --- 6a. AttentiveChrome (issue 13): stub wiring for both tasks, and a real -profile test run with
# cnn,attentive whose attention figures reach the heatmaps folder and the report
"$root/nextflow/tests/attentive-test.sh" "$scratch/attentive" >"$scratch/attentive.out" 2>&1
attentive_status=$?
grep -E '^(PASS|FAIL|SKIP) ' "$scratch/attentive.out"
passed=$((passed + $(grep -c '^PASS ' "$scratch/attentive.out")))
failed=$((failed + $(grep -c '^FAIL ' "$scratch/attentive.out")))
if [ $attentive_status -ne 0 ] && ! grep -q '^FAIL ' "$scratch/attentive.out"; then
  fail "attentive test" "exit status $attentive_status: $(tail -5 "$scratch/attentive.out")"
fi

# --- 6b. killed at any moment (issue 16): SIGKILL during a training task, then -resume
if "$root/nextflow/tests/kill-resume-test.sh" "$scratch/kill-resume" >"$scratch/kill-resume.out" 2>&1; then
  pass "$(tail -1 "$scratch/kill-resume.out")"
else
  fail "kill and -resume" "$(cat "$scratch/kill-resume.out")"
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
