#!/usr/bin/env bash
# Benchmark of deepchrome-bin-signals against the cost of decoding the BAM (samtools view -c,
# one and two threads), with its two inflaters (Intel GKL, the default where it loads, and the
# JDK's zlib: DEEPCHROME_INFLATER=java), all measured in the same run with hyperfine; then peak
# RSS on the BAM and on a 20 % subsample of it (memory must not grow with the read count).
#
#   bench/bin-signals/run.sh            K562 (../shared/data/k562-chr1, if present) and a synthetic
#                                       BAM (written to $BENCH_DIR unless BENCH_BAM is given)
# Environment: BENCH_DIR (default /tmp/deepchrome-bench-bin-signals); BENCH_BAM + BENCH_GENES: a
# BAM and its genes to use instead of generating one (e.g. bench/study/work/cell/H3K4me3.bam and
# genes.bed: 10 M reads, 20,000 genes); BENCH_SCALE (default 80: read numbers x80 of test-data,
# ~3.2 M H3K4me3 reads, when generating); BENCH_RUNS (default 3); BENCH_MULTICOV=1 also times
# bedtools multicov (once; minutes on millions of reads); BENCH_HTSJDK=1 also times --htsjdk-records.
# Results: $BENCH_DIR/*/*.json (hyperfine), Markdown tables on stdout (paste into docs/benchmarks.md).
# Needs: Java 17, Maven, samtools, hyperfine, python3, GNU time (/usr/bin/time); bedtools for multicov.
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
lib="$root/tools/bin-signals/target/lib/*"
javac -d "$work/floor" -cp "$lib" bench/bin-signals/JavaDecodeFloor.java
floor="java -cp '$work/floor:$lib' JavaDecodeFloor"

# One dataset: NAME GENES BAM. Times everything, then prints its rows.
bench() {
  local name=$1 genes=$2 bam=$3
  local d="$work/$name"
  mkdir -p "$d"
  local run="'$tool' --quiet --genes '$genes' --mark 'H3K4me3=$bam'"
  local reads
  reads=$(samtools view -c -@ 2 "$bam")
  echo "== $name: $reads records, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  local extra=()
  if [ "${BENCH_HTSJDK:-0}" = 1 ]; then
    extra+=(-n "bin-signals --threads 2 --htsjdk-records" "$run --threads 2 --htsjdk-records --output '$d/h2.csv'")
  fi
  hyperfine --warmup 1 --runs "$runs" --export-json "$d/fast.json" \
    -n "samtools view -c" "samtools view -c '$bam'" \
    -n "samtools view -c -@ 2" "samtools view -c -@ 2 '$bam'" \
    -n "Java decode floor, JDK zlib" "$floor '$bam'" \
    -n "Java decode floor, GKL" "$floor '$bam' gkl" \
    -n "bin-signals --threads 2, JDK zlib" "DEEPCHROME_INFLATER=java $run --threads 2 --output '$d/java.csv'" \
    -n "bin-signals --threads 1" "$run --threads 1 --output '$d/t1.csv'" \
    -n "bin-signals --threads 2" "$run --threads 2 --output '$d/t2.csv'" \
    "${extra[@]}" >&2
  cmp "$d/java.csv" "$d/t2.csv" # the two inflaters: byte-identical matrices
  local jsons=("$d/fast.json")
  if [ "${BENCH_MULTICOV:-0}" = 1 ]; then
    "$tool" --quiet --genes "$genes" --mark "H3K4me3=$bam" --output "$d/matrix.csv" --bins-bed "$d/bins.bed"
    samtools view -b -F 4 -o "$d/mapped.bam" "$bam" && samtools index "$d/mapped.bam"
    hyperfine --runs 1 --export-json "$d/multicov.json" \
      -n "bedtools multicov" "bedtools multicov -bams '$d/mapped.bam' -bed '$d/bins.bed' > '$d/multicov.tsv'" >&2
    jsons+=("$d/multicov.json")
  fi
  python3 "$root/bench/bin-signals/summarize.py" "$name" "$reads" "${jsons[@]}"
}

# Peak RSS of bin-signals (2 threads) on BAM and on a 20 % subsample (same genes): NAME GENES BAM.
memory() {
  local name=$1 genes=$2 bam=$3
  local d="$work/$name"
  mkdir -p "$d"
  samtools view -b -s 1.2 -@ 2 -o "$d/subsample.bam" "$bam" && samtools index "$d/subsample.bam"
  for b in "$d/subsample.bam" "$bam"; do
    local peaks=() walls=()
    for run in 1 2 3; do # the JVM's heap sizing varies from run to run: three runs each
      /usr/bin/time -f "%M %e" -o "$d/time" "$tool" --quiet --threads 2 --genes "$genes" --mark "H3K4me3=$b" \
        --output "$d/rss.csv"
      read -r kb wall < "$d/time"
      peaks+=("$(printf '%.0f' "$(echo "$kb / 1024" | bc -l)")") walls+=("$wall")
    done
    printf '| %s | %s | %s | %s |\n' "$name" "$(samtools view -c -@ 2 "$b")" "${peaks[*]}" "${walls[*]}"
  done
}

echo "| data | records | command | wall s (mean ± sd) | CPU s (user+sys) | wall / samtools -@ 2 | CPU / samtools -@ 2 |"
echo "|---|---|---|---|---|---|---|"
shared="$root/../shared/data/k562-chr1"
if [ -d "$shared" ]; then
  bench k562-H3K4me3 "$shared/genes.bed" "$shared/K562_H3K4me3.bam"
else
  echo "skipped K562: ../shared/data is absent" >&2
fi
if [ -n "${BENCH_BAM:-}" ]; then
  name=$(basename "$BENCH_BAM" .bam)
  genes=${BENCH_GENES:?BENCH_GENES: the genes of BENCH_BAM}
  bam=$BENCH_BAM
else
  if [ ! -f "$work/synthetic/H3K4me3.bam" ]; then
    test-data/regenerate.sh "$work/synthetic" --scale "$scale" --sequences >&2
  fi
  name="synthetic-x$scale" genes="$work/synthetic/genes.bed" bam="$work/synthetic/H3K4me3.bam"
fi
bench "$name" "$genes" "$bam"
echo
echo "| data | records | peak RSS MB (3 runs) | wall s (3 runs) |"
echo "|---|---|---|---|"
memory "$name" "$genes" "$bam"
