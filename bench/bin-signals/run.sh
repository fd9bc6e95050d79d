#!/usr/bin/env bash
# Benchmark of deepchrome-bin-signals against the cost of decoding the BAM (samtools view -c)
# and against bedtools multicov on the same bins, all measured in the same run with hyperfine.
#
#   bench/bin-signals/run.sh            K562 (../shared/data/k562-chr1, if present) and a synthetic
#                                       BAM of a few million 50 bp reads (written to $BENCH_DIR)
# Environment: BENCH_DIR (default /tmp/deepchrome-bench-bin-signals), BENCH_SCALE (default 80:
# read numbers x80 of test-data, ~3.2 M H3K4me3 reads), BENCH_RUNS (default 3; multicov runs once).
# Results: $BENCH_DIR/*/*.json (hyperfine) and a Markdown table on stdout (paste into docs/benchmarks.md).
# Needs: Java 17, Maven, samtools, bedtools, hyperfine, python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=${BENCH_DIR:-/tmp/deepchrome-bench-bin-signals}
scale=${BENCH_SCALE:-80}
runs=${BENCH_RUNS:-3}
mkdir -p "$work"

if [ ! -f tools/bin-signals/target/deepchrome-bin-signals.jar ]; then
  mvn -B -q -ntp -pl tools/bin-signals -am -DskipTests package
fi
tool="$root/bin/deepchrome-bin-signals"
# The Java floor probe: BGZF inflate + fixed fields only, no counting (see JavaDecodeFloor.java).
htsjdk_jar=$(ls tools/bin-signals/target/lib/htsjdk-*.jar)
javac -d "$work/floor" -cp "$htsjdk_jar" bench/bin-signals/JavaDecodeFloor.java
floor="java -cp '$work/floor:$htsjdk_jar' JavaDecodeFloor"

# One dataset: NAME GENES BAM. Writes the bins BED, the -F 4 BAM multicov needs, then times all.
bench() {
  local name=$1 genes=$2 bam=$3
  local d="$work/$name"
  mkdir -p "$d"
  "$tool" --quiet --genes "$genes" --mark "H3K4me3=$bam" --output "$d/matrix.csv" --bins-bed "$d/bins.bed"
  samtools view -b -F 4 -o "$d/mapped.bam" "$bam" && samtools index "$d/mapped.bam"
  local reads
  reads=$(samtools view -c "$bam")
  echo "== $name: $(wc -l < "$d/bins.bed") bins, $reads records" >&2
  hyperfine --warmup 1 --runs "$runs" --export-json "$d/fast.json" \
    -n "samtools view -c" "samtools view -c '$bam'" \
    -n "Java decode floor" "$floor '$bam'" \
    -n "bin-signals --threads 1 --htsjdk-records" "'$tool' --quiet --threads 1 --htsjdk-records --genes '$genes' --mark 'H3K4me3=$bam' --output '$d/h1.csv'" \
    -n "bin-signals --threads 1" "'$tool' --quiet --threads 1 --genes '$genes' --mark 'H3K4me3=$bam' --output '$d/t1.csv'" \
    -n "bin-signals --threads 2" "'$tool' --quiet --threads 2 --genes '$genes' --mark 'H3K4me3=$bam' --output '$d/t2.csv'" >&2
  hyperfine --runs 1 --export-json "$d/multicov.json" \
    -n "bedtools multicov" "bedtools multicov -bams '$d/mapped.bam' -bed '$d/bins.bed' > '$d/multicov.tsv'" >&2
  python3 "$root/bench/bin-signals/summarize.py" "$name" "$reads" "$d/fast.json" "$d/multicov.json"
}

echo "| data | records | command | wall s (mean ± sd) | CPU s (user+sys) | wall / samtools | CPU / samtools |"
echo "|---|---|---|---|---|---|---|"
shared="$root/../shared/data/k562-chr1"
if [ -d "$shared" ]; then
  bench k562-H3K4me3 "$shared/genes.bed" "$shared/K562_H3K4me3.bam"
else
  echo "skipped K562: ../shared/data is absent" >&2
fi
if [ ! -f "$work/synthetic/H3K4me3.bam" ]; then
  test-data/regenerate.sh "$work/synthetic" --scale "$scale" --sequences >&2
fi
bench "synthetic-x$scale" "$work/synthetic/genes.bed" "$work/synthetic/H3K4me3.bam"
