#!/usr/bin/env bash
# One genome-scale synthetic cell, end to end, timed as a user lives it:
#   1. the test-data generator at scale (written once, reused): 20,000 genes on the GRCh38
#      chromosome lengths, five marks x ~10 M reads (50 bp, with bases and qualities) + .bai,
#      an expression table;
#   2. the pipeline on it from the BAMs: bin-signals -> cnn, rf, svm, logistic -> predict ->
#      visualize -> summary and report, with the Nextflow trace;
#   3. a Markdown table per task (realtime, %cpu, peak_rss from the trace) and the total wall time.
#
#   bench/study/run.sh            STUDY_DIR (default bench/study/work, gitignored; ~1.5 GB),
#                                 STUDY_GENES (20000), STUDY_READS (reads per mark, 10000000),
#                                 STUDY_ARGS (extra pipeline arguments, e.g. "--epochs 5")
# Needs Java 17, Maven (the tools are built if missing), python3. Results: $STUDY_DIR/results,
# $STUDY_DIR/trace.txt, $STUDY_DIR/summary.md (the table for docs/benchmarks.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=$(mkdir -p "${STUDY_DIR:-$root/bench/study/work}" && cd "${STUDY_DIR:-$root/bench/study/work}" && pwd)
genes=${STUDY_GENES:-20000}
reads=${STUDY_READS:-10000000}

for tool in bin-signals train predict visualize; do
  if [ ! -f "tools/$tool/target/deepchrome-$tool.jar" ]; then
    mvn -B -q -ntp -DskipTests package
    break
  fi
done

cell="$work/cell"
if [ ! -f "$cell/H3K27me3.bam.bai" ]; then # the generator writes the marks in this order; this one is last
  target=tools/bin-signals/target
  start=$(date +%s)
  java -Xmx6g -cp "$target/test-classes:$target/deepchrome-bin-signals.jar:$target/lib/*" \
    org.deepchrome.binsignals.testdata.SyntheticDataGenerator --out "$cell" --genome human \
    --genes "$genes" --reads-per-mark "$reads" --sequences
  echo "generated $cell in $(( $(date +%s) - start )) s" >&2
fi
{
  echo "cell,mark,file,index"
  for m in H3K4me3 H3K4me1 H3K36me3 H3K9me3 H3K27me3; do echo "genome-scale,$m,cell/$m.bam,cell/$m.bam.bai"; done
} > "$work/samplesheet.csv"

# Two cores: no task may ask for more (the default labels ask up to 12).
cat > "$work/study.config" <<'CONFIG'
process.resourceLimits = [cpus: 2, memory: 12.GB, time: 2.h]
CONFIG

run="$work/run"
rm -rf "$run" "$work/results" "$work/trace.txt"
mkdir -p "$run"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
# shellcheck disable=SC2086 # STUDY_ARGS is a list of arguments
(cd "$run" && "$root/nextflow/launcher/nextflow" run "$root/deepchrome.nf" -ansi-log false \
  -c "$work/study.config" --input "$work/samplesheet.csv" --genes "$cell/genes.bed" \
  --expression "$cell/expression.tsv" --outdir "$work/results" -with-trace "$work/trace.txt" ${STUDY_ARGS:-}) \
  > "$work/nextflow.out" 2>&1 || { tail -30 "$work/nextflow.out"; exit 1; }
wall=$(echo "$(date +%s.%N) - $start" | bc)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$root/bench/study/summarize.py" "$work/trace.txt" "$wall" "$load_before" "$load_after" | tee "$work/summary.md"
