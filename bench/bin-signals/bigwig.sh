#!/usr/bin/env bash
# bigWig input: deepchrome-bin-signals against deepTools computeMatrix (the same numbers:
# reference-point TSS ±5 kb, 100 bp bins, mean, missing = 0) on one per-base coverage bigWig,
# both measured in the same run with hyperfine, and their matrices compared.
#
#   BENCH_BAM=cell/H3K4me3.bam BENCH_GENES=cell/genes.bed bench/bin-signals/bigwig.sh
# Default input: the genome-scale synthetic cell (20,000 genes on GRCh38 lengths, ~10 M
# H3K4me3 reads), written by the test-data generator into $BENCH_DIR/cell unless BENCH_BAM is
# given. The bigWig is made with bedtools genomecov -bg (per-base depth) written by pyBigWig:
# deepTools' bamCoverage --binSize 1 takes hours over a 3 Gb genome on 2 cores.
# Environment: BENCH_DIR (default /tmp/deepchrome-bench-bigwig), BENCH_RUNS (default 2).
# Needs: Java 17, Maven, bedtools, hyperfine, Debian's python3-deeptools (computeMatrix, pyBigWig).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=${BENCH_DIR:-/tmp/deepchrome-bench-bigwig}
runs=${BENCH_RUNS:-2}
mkdir -p "$work"
[ -f tools/bin-signals/target/deepchrome-bin-signals.jar ] || mvn -B -q -ntp -pl tools/bin-signals -am -DskipTests package
bam=${BENCH_BAM:-}
genes=${BENCH_GENES:-}
if [ -z "$bam" ]; then
  t=tools/bin-signals/target
  if [ ! -f "$work/cell/H3K4me3.bam.bai" ]; then
    # the generator writes all five marks; H3K4me3 comes first and is all this needs
    java -cp "$t/test-classes:$t/deepchrome-bin-signals.jar:$t/lib/*" org.deepchrome.binsignals.testdata.SyntheticDataGenerator \
      --out "$work/cell" --genome human --genes 20000 --reads-per-mark 10000000 &
    gen=$!
    while [ ! -f "$work/cell/H3K9me3.bam" ] && kill -0 "$gen" 2>/dev/null; do sleep 5; done
    kill "$gen" 2>/dev/null || true
  fi
  bam=$work/cell/H3K4me3.bam
  genes=$work/cell/genes.bed
fi
bw=$work/H3K4me3.bw
if [ ! -f "$bw" ]; then
  samtools idxstats "$bam" | awk '$2 > 0 {print $1 "\t" $2}' >"$work/chrom.sizes"
  bedtools genomecov -bg -ibam "$bam" | /usr/bin/python3 -c '
import sys, pyBigWig
sizes = [(c, int(n)) for c, n in (l.split() for l in open(sys.argv[1]))]
bw = pyBigWig.open(sys.argv[2], "w"); bw.addHeader(sizes)
chroms, starts, ends, values = [], [], [], []
def flush():
    if chroms: bw.addEntries(chroms, starts, ends=ends, values=values)
    del chroms[:], starts[:], ends[:], values[:]
for line in sys.stdin:
    c, s, e, v = line.split()
    if chroms and c != chroms[-1]: flush()
    chroms.append(c); starts.append(int(s)); ends.append(int(e)); values.append(float(v))
    if len(chroms) >= 100000: flush()
flush(); bw.close()' "$work/chrom.sizes" "$bw"
fi
echo "== $(wc -l <"$genes") genes, $(samtools view -c -@ 2 "$bam") records, bigWig $(du -h "$bw" | cut -f1); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine --warmup 0 --runs "$runs" --export-json "$work/bigwig.json" \
  -n "bin-signals --threads 2 (bigWig)" "bin/deepchrome-bin-signals --quiet --threads 2 --genes '$genes' --mark 'H3K4me3=$bw' --output '$work/ours.csv'" \
  -n "computeMatrix -p 2 (bigWig)" "/usr/bin/computeMatrix reference-point --referencePoint TSS -b 5000 -a 5000 --binSize 100 --averageTypeBins mean --missingDataAsZero --sortRegions keep -p 2 -S '$bw' -R '$genes' -o '$work/theirs.mat.gz'" >&2
# the same numbers: largest difference, over the tolerance 5e-7 + |v| 2^-23
/usr/bin/python3 - "$work/ours.csv" "$work/theirs.mat.gz" <<'PY'
import csv, gzip, sys
ours = {}
for row in csv.reader(open(sys.argv[1])):
    if row[0] == "gene_id": continue
    ours.setdefault(row[0], []).append(float(row[2]))
worst, n = 0.0, 0
for line in gzip.open(sys.argv[2], "rt"):
    if line.startswith("@"): continue
    f = line.rstrip("\n").split("\t")
    for a, b in zip(ours[f[3]], map(float, f[6:])):
        worst = max(worst, abs(a - b) / (5e-7 + abs(b) * 2 ** -23)); n += 1
print(f"compared {n} bins: largest difference {worst:.3f} x tolerance", file=sys.stderr)
sys.exit(0 if worst <= 1 else 1)
PY
/usr/bin/python3 - "$work/bigwig.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['mean']:.1f} ± {r['stddev'] or 0:.1f} | {r['user'] + r['system']:.1f} |")
PY
