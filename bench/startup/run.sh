#!/usr/bin/env bash
# Start-up cost of the DeepChrome tools, with and without their class-data sharing archives:
# each tool's --version, and predict on test-data/matrix/test.csv (104 genes) with the small
# CNN and logistic models of galaxy/test-data. Every case runs RUNS times (after one warm-up
# run) through the tree's bin/ launchers; the table gives mean ± sd of wall time and of CPU
# time (user + system) per run, and the load average before and after, since the wall time of
# a loaded machine says more about the other processes than about the tool.
#
#   bench/startup/run.sh [--runs N] [--root TREE] [--out DIR]
#
#   --runs N     runs per case (default 10)
#   --root TREE  a built source tree whose bin/ launchers to time (default: this one); point it
#                at an older checkout to measure "before" (its launcher ignores DEEPCHROME_CDS)
#   --out DIR    per-run times and predictions go here (default: a temporary directory)
# Cases: "no archive" sets DEEPCHROME_CDS=off, "archive" uses tools/TOOL/target/*.jsa (build
# with `mvn -DskipTests package`; without an archive both cases are the same).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=10
out=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --root) root=$(cd "${2:?--root needs a directory}" && pwd); shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "$out" ]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out"
bin=$root/bin
data=$root/test-data/matrix/test.csv
models=$root/galaxy/test-data

# case NAME ARCHIVE(on|off) COMMAND...: RUNS timed runs; one line "wall user sys" per run.
measure() {
  local name=$1 cds=$2
  shift 2
  local log=$out/$name.$cds.times
  : > "$log"
  for ((i = 0; i <= runs; i++)); do
    local sink=$log.tmp
    [ $i -gt 0 ] && sink=$log   # run 0 warms the page cache and is not counted
    DEEPCHROME_CDS=$cds /usr/bin/time -a -o "$sink" -f '%e %U %S' "$@" >/dev/null 2>"$out/$name.$cds.stderr" \
      || { echo "run.sh: $name ($cds) failed: $(head -n 3 "$out/$name.$cds.stderr")" >&2; exit 1; }
  done
  rm -f "$log.tmp"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for t in bin-signals train predict visualize; do
  for cds in off on; do measure "$t--version" $cds "$bin/deepchrome-$t" --version; done
done
for kind in cnn logistic; do
  for cds in off on; do
    measure "predict-$kind" $cds "$bin/deepchrome-predict" --quiet --model "$models/${kind}_model.zip" \
      --input "$data" --output "$out/predict-$kind.$cds.tsv"
  done
  cmp -s "$out/predict-$kind.off.tsv" "$out/predict-$kind.on.tsv" \
    || { echo "run.sh: predict $kind writes different predictions with the archive" >&2; exit 1; }
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" "$runs" <<'EOF'
import statistics, sys, pathlib
out, runs = pathlib.Path(sys.argv[1]), sys.argv[2]
def stats(values):
    return f"{statistics.mean(values):.2f} ± {statistics.stdev(values) if len(values) > 1 else 0:.2f}"
print(f"| case | archive | wall s (mean ± sd) | CPU s user+sys (mean ± sd) |")
print("|---|---|---|---|")
names = sorted({p.name.rsplit('.', 2)[0] for p in out.glob('*.times')}, key=lambda n: (not n.endswith('--version'), n))
for name in names:
    for cds, label in (("off", "no"), ("on", "yes")):
        rows = [list(map(float, l.split())) for l in (out / f"{name}.{cds}.times").read_text().split('\n') if l.strip()]
        wall = [r[0] for r in rows]
        cpu = [r[1] + r[2] for r in rows]
        print(f"| {name.replace('--', ' --')} | {label} | {stats(wall)} | {stats(cpu)} |")
print(f"\n{runs} runs per case (plus one warm-up).")
EOF
echo "load average (1, 5, 15 min): before $load_before, after $load_after; $(nproc) cores; $(java -version 2>&1 | sed -n 2p)"
