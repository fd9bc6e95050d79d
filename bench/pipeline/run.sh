#!/usr/bin/env bash
# Times the pipeline on the bundled test data: bench/pipeline/run.sh [RUNS]
#   1. -profile test, cold (fresh launch folder): wall time, and the CPU time of Nextflow
#      plus every task (all are child processes of the Nextflow JVM, so /usr/bin/time sees them);
#   2. the same with -resume (every task cached): the fixed cost of Nextflow itself;
#   3. -stub-run of the whole graph.
# Prints one line per run and the load average, which on a shared machine matters more than
# anything else: CPU seconds are the fairer measure there. Needs the built tools.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-pipeline-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

measure() { # LABEL FOLDER ARGS...
  local label=$1 folder=$2
  shift 2
  mkdir -p "$folder"
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$folder" && /usr/bin/time -f "%e %U %S" -o "$scratch/time" \
    "$root/nextflow/launcher/nextflow" run "$root/deepchrome.nf" -ansi-log false "$@" >"$scratch/out" 2>&1) || {
    echo "$label: FAILED"; tail -20 "$scratch/out"; exit 1; }
  read -r wall user sys <"$scratch/time"
  printf '%-28s wall %7.1f s   CPU (Nextflow + tasks) %7.1f s   load before %s after %s\n' \
    "$label" "$wall" "$(echo "$user + $sys" | awk '{print $1 + $3}')" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
}

echo "deepchrome pipeline benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
for i in $(seq 1 "$runs"); do
  measure "test profile, cold #$i" "$scratch/run$i" -profile test
  measure "test profile, -resume #$i" "$scratch/run$i" -profile test -resume
  measure "stub-run #$i" "$scratch/stub$i" -stub-run
done
