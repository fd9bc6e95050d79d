#!/usr/bin/env bash
# Killed at any moment (issue 16), the pipeline's part: SIGKILL the whole Nextflow run (its java
# process and the task it is running, as a node failure would) while a training task runs, then
# run the same command with -resume, and check
#   - the tasks that had finished before the kill are taken from the cache, not run again;
#   - the unfinished ones (the killed training at least) run again, so every task ends complete;
#   - the published results equal an uninterrupted run's, byte for byte where the tools are
#     deterministic (seeded, one thread): predictions, metrics, ROC tables, the AUC table and
#     class_optimization.tsv.
#   nextflow/tests/kill-resume-test.sh [SCRATCH_DIR]
# Prints one line per problem and exits 1, or one summary line and exits 0.
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
nextflow="$root/nextflow/launcher/nextflow"
scratch=${1:-$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-kill-resume.XXXXXX")}
mkdir -p "$scratch"
# A ready CSV cell (no bin-signals), a CNN long enough to be killed in the middle of and a
# baseline that finishes first; one CPU per task so runs are reproducible.
args=(-ansi-log false --cells "$root/test-data/samplesheet_cells.csv" --model_types cnn,logistic
      --epochs 60 --iterations 30 --top 5 --image_format png --max_cpus 1 --max_memory 6.GB)
problems=()

# Reference: the same run, uninterrupted.
(cd "$scratch" && mkdir -p reference && cd reference && "$nextflow" run "$root/deepchrome.nf" "${args[@]}") >"$scratch/reference.out" 2>&1 ||
  { echo "kill-resume: the uninterrupted run failed: $(tail -5 "$scratch/reference.out")"; exit 1; }

# The run to kill, in its own session so that one signal reaches Nextflow and its tasks.
mkdir -p "$scratch/killed"
(cd "$scratch/killed" && exec setsid "$nextflow" run "$root/deepchrome.nf" "${args[@]}") >"$scratch/killed.out" 2>&1 &
pid=$!
# Wait until the CNN training task runs and the logistic one has finished, so the kill lands
# in training with finished work to keep (60 epochs: the CNN trains for a minute or so here,
# the logistic model in seconds).
task_dir() { grep -l -- "$1" "$scratch"/killed/work/*/*/.command.sh 2>/dev/null | head -1 | xargs -r dirname; }
cnn_dir=""
done_before_kill=""
for _ in $(seq 1 1200); do
  kill -0 "$pid" 2>/dev/null || break
  cnn_dir=$(task_dir '--model-type cnn')
  logistic_dir=$(task_dir '--model-type logistic')
  if [ -n "$cnn_dir" ] && [ -e "$cnn_dir/.command.begin" ] && [ ! -e "$cnn_dir/.exitcode" ] &&
     [ -n "$logistic_dir" ] && [ -e "$logistic_dir/.exitcode" ]; then
    sleep 2  # Nextflow notices a finished task within its polling interval; then kill
    if [ ! -e "$cnn_dir/.exitcode" ]; then
      done_before_kill=$(cd "$scratch/killed/work" && for dir in */*/; do [ -e "$dir.exitcode" ] && echo "${dir%/}"; done | sort)
      kill -KILL -- "-$pid"
      break
    fi
  fi
  sleep 0.5
done
wait "$pid" 2>/dev/null
status=$?
if [ -z "$done_before_kill" ]; then
  echo "kill-resume: never saw the CNN training run after a finished task (status $status): $(tail -5 "$scratch/killed.out")"
  exit 1
fi
[ "$status" -eq 137 ] || problems+=("the killed run ended with status $status, not 137 (SIGKILL)")
[ -e "$cnn_dir/.exitcode" ] && problems+=("the killed CNN training task wrote an exit code: it was not killed")
killed_tasks=$(grep -cE 'Submitted process >' "$scratch/killed.out")

# Resume in the same launch folder.
(cd "$scratch/killed" && "$nextflow" run "$root/deepchrome.nf" "${args[@]}" -resume) >"$scratch/resumed.out" 2>&1 ||
  problems+=("the -resume run failed: $(tail -5 "$scratch/resumed.out" | tr '\n' ' ')")
names() { grep -oE "$1 process > [A-Z_]+ \([^)]*\)|$1 process > [A-Z_]+$" "$2" | sed "s/^$1 process > //" | sort; }
cached=$(names Cached "$scratch/resumed.out")
submitted=$(names Submitted "$scratch/resumed.out")
reference=$(names Submitted "$scratch/reference.out")
# Each task finished before the kill, by its work folder: cached on resume, with that folder.
for hash in $done_before_kill; do
  grep -qF "[${hash:0:9}] Cached process" "$scratch/resumed.out" ||
    problems+=("task $hash finished before the kill but was not cached on resume")
done
grep -q 'DEEPCHROME_TRAIN (synthetic_csv:cnn)' <<<"$submitted" || problems+=("the killed CNN training was not run again")
[ "$(sort <<<"$cached"$'\n'"$submitted" | grep . )" = "$(grep . <<<"$reference")" ] ||
  problems+=("resume ran [$(tr '\n' ',' <<<"$submitted")] and cached [$(tr '\n' ',' <<<"$cached")]; the uninterrupted run had [$(tr '\n' ',' <<<"$reference")]")
[ -n "$(comm -12 <(echo "$cached") <(echo "$submitted") | grep .)" ] && problems+=("a task was both cached and run")

# Published results equal the uninterrupted run's.
compared=0
for file in summary/auc_summary.tsv synthetic_csv/cnn/heatmaps/class_optimization.tsv \
    synthetic_csv/{cnn,logistic}/synthetic_csv.{cnn,logistic}.{predictions.tsv,metrics.json,roc.tsv}; do
  [ -e "$scratch/reference/results/$file" ] || continue
  compared=$((compared + 1))
  cmp -s "$scratch/reference/results/$file" "$scratch/killed/results/$file" ||
    problems+=("results/$file differs from the uninterrupted run's")
done
[ "$compared" -eq 8 ] || problems+=("$compared of 8 result files found in the uninterrupted run")

for problem in "${problems[@]}"; do echo "kill-resume: $problem"; done
[ ${#problems[@]} -eq 0 ] || exit 1
echo "kill-resume: SIGKILL during CNN training after $(wc -w <<<"$done_before_kill") finished tasks ($killed_tasks submitted); -resume cached $(grep -c . <<<"$cached"), ran $(grep -c . <<<"$submitted") again; $compared result files equal the uninterrupted run's"
