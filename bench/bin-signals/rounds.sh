#!/usr/bin/env bash
# bin-signals against samtools in alternating rounds: on a VM whose speed drifts by ±10 % from
# minute to minute, one batch of runs per command (hyperfine) can favour either side; a round
# runs each command once, back to back, and the ratio is taken within the round.
#
#   bench/bin-signals/rounds.sh BAM GENES [ROUNDS] [OTHER_LAUNCHER]
# BAM: an indexed BAM (e.g. the genome-scale cell's H3K4me3.bam, bench/study); GENES: its genes;
# ROUNDS: default 12; OTHER_LAUNCHER: another build's bin/deepchrome-bin-signals to compare too
# (e.g. a worktree of an earlier commit). Outputs go to $BENCH_DIR (default /tmp/deepchrome-bench-rounds).
# Prints each command's sorted wall times and medians, and bin-signals / samtools per round.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bam=$1
genes=$2
rounds=${3:-12}
other=${4:-}
work=${BENCH_DIR:-/tmp/deepchrome-bench-rounds}
mkdir -p "$work"
names=(samtools bin-signals)
cmds=("samtools view -c -@ 2 $bam" "$root/bin/deepchrome-bin-signals --quiet --threads 2 --genes $genes --mark H3K4me3=$bam --output $work/ours.csv")
if [ -n "$other" ]; then
  names+=(other)
  cmds+=("$other --quiet --threads 2 --genes $genes --mark H3K4me3=$bam --output $work/other.csv")
fi
log="$work/rounds.tsv"
: >"$log"
echo "== $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((r = 1; r <= rounds; r++)); do
  for i in "${!names[@]}"; do
    start=$(date +%s%N)
    bash -c "${cmds[$i]}" >/dev/null
    echo -e "$r\t${names[$i]}\t$(( ($(date +%s%N) - start) / 1000000 ))" >>"$log"
  done
done
/usr/bin/python3 - "$log" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    r, name, ms = line.split("\t")
    runs[r][name] = int(ms) / 1000
names = list(next(iter(runs.values())))
for name in names:
    times = sorted(run[name] for run in runs.values())
    print(f"{name}: median {statistics.median(times):.3f} s ({' '.join(f'{t:.2f}' for t in times)})")
for name in names[1:]:
    ratios = [run[name] / run["samtools"] for run in runs.values()]
    print(f"{name} / samtools: median of rounds {statistics.median(ratios):.3f}, ratio of medians "
          f"{statistics.median(run[name] for run in runs.values()) / statistics.median(run['samtools'] for run in runs.values()):.3f}, "
          f"faster in {sum(x < 1 for x in ratios)} of {len(ratios)} rounds")
PY
