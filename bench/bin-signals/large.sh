#!/usr/bin/env bash
# bin-signals against samtools on a large BAM, where the fixed cost of a run (JVM start, JIT,
# writing the matrix) no longer hides the per-read cost: four marks of the genome-scale cell
# (bench/study) merged into one ~40 M-read BAM, then hyperfine in one run (1 warm-up, 3 runs):
# samtools view -c -@ 2, bin-signals --threads 2 as launched, and with the C1 compiler only.
#
#   bench/bin-signals/large.sh       STUDY_DIR: the cell's folder (default bench/study/work; made by
#                                    bench/study/run.sh); BENCH_DIR for the merged BAM (1 GB; default
#                                    /tmp/deepchrome-bench-bin-signals)
# Needs samtools, hyperfine and the built tools.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cell=${STUDY_DIR:-$root/bench/study/work}/cell
work=${BENCH_DIR:-/tmp/deepchrome-bench-bin-signals}
mkdir -p "$work"
for mark in H3K4me3 H3K4me1 H3K36me3 H3K27me3; do
  [ -f "$cell/$mark.bam" ] || { echo "large.sh: $cell/$mark.bam not found; run bench/study/run.sh first" >&2; exit 2; }
done
bam="$work/large.bam"
if [ ! -f "$bam.bai" ]; then
  samtools merge -f -@ 2 -o "$bam" "$cell"/H3K4me3.bam "$cell"/H3K4me1.bam "$cell"/H3K36me3.bam "$cell"/H3K27me3.bam
  samtools index -@ 2 "$bam"
fi
echo "== $(samtools idxstats "$bam" | awk '{n += $3 + $4} END {print n}') records, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run="$root/bin/deepchrome-bin-signals --quiet --threads 2 --genes $cell/genes.bed --mark H3K4me3=$bam --output $work/large.csv"
hyperfine -N --warmup 1 --runs 3 --export-json "$work/large.json" \
  -n "samtools view -c -@ 2" "samtools view -c -@ 2 $bam" \
  -n "bin-signals --threads 2" "$run" \
  -n "bin-signals --threads 2, C1 only" "env DEEPCHROME_JAVA_OPTS=-XX:TieredStopAtLevel=1 $run"
