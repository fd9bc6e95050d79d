#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time) of deepchrome-predict streaming a generated matrix of GENES
# genes x 5 marks x 100 bins (issue 16: <= 1 GB for 200,000 genes with the launcher's default JVM
# options), for every model kind, each trained in seconds on test-data by the CLI (the numbers of a
# model do not change what predict holds in memory).
# Needs: the suite built (mvn -B -q -DskipTests package), gzip, awk.
# Usage: [KINDS="cnn logistic ..."] bench/memory/run.sh [GENES=200000] [BEFORE_LIB] [HEAP=512m]
#   BEFORE_LIB: a directory holding another build's deepchrome-predict.jar and its lib/ (e.g. a copy of
#     tools/predict/target of a build before streaming): the cnn and logistic runs are repeated with it
#     (DEEPCHROME_LIB=BEFORE_LIB, same launcher, same JVM options) for the before/after figure.
#   HEAP: the cnn and logistic runs (and the BEFORE_LIB ones) are repeated with
#     DEEPCHROME_JAVA_OPTS=-XmxHEAP: what the matrix needs, not what the JVM's heap sizing takes.
#   KINDS: default every kind but attentive, whose inference (~300 genes/s here) would take ~11 minutes
#     on 200,000 genes; the attentive model is measured on the first GENES/10 genes.
# The matrix (gzip CSV, headless, with labels; counts drawn from an exponential law, seeded) is
# written once to bench/memory/results/ and reused; results are printed and appended to
# bench/memory/results/predict.txt (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
genes=${1:-200000}
before=${2:-}
heap=${3:-512m}
kinds=${KINDS:-cnn logistic svm rf ridge cnn-regression}
out=bench/memory/results
mkdir -p "$out/models"
matrix=$out/genes$genes.csv.gz
if [ ! -f "$matrix" ]; then
  echo "writing $matrix ($genes genes x 100 bins)" >&2
  awk -v genes="$genes" 'BEGIN {
    srand(16)
    for (g = 1; g <= genes; g++) {
      label = g % 2; scale = label ? 3 : 1.5  # high genes carry more signal
      for (b = 1; b <= 100; b++) {
        printf "G%07d,%d", g, b
        for (m = 0; m < 5; m++) printf ",%d", int(-log(1 - rand()) * scale)
        printf ",%d\n", label
      }
    }
  }' | gzip -1 > "$matrix.tmp"
  mv "$matrix.tmp" "$matrix"
fi
small=$out/genes$((genes / 10)).csv.gz
if [ ! -f "$small" ]; then
  { zcat "$matrix" || true; } | head -n $((genes / 10 * 100)) | gzip -1 > "$small.tmp"
  mv "$small.tmp" "$small"
fi
data=test-data/matrix
train() { # KIND NAME [OPTIONS...]: a model of test-data, made once
  local kind=$1 name=$2; shift 2
  [ -f "$out/models/$name.zip" ] || bin/deepchrome-train --quiet --threads 2 --train "$data/train.csv" \
    --valid "$data/valid.csv" --model-type "$kind" --output "$out/models/$name.zip" "$@" >/dev/null
}
train cnn cnn --epochs 2
train logistic logistic --c 0.1
train svm svm --c 0.1
train rf rf --trees 100
train attentive attentive --epochs 1
train ridge ridge --task regression --expression test-data/expression.tsv
train cnn cnn-regression --task regression --expression test-data/expression.tsv --epochs 2
measure() { # LABEL MODEL INPUT [ENV...]
  local label=$1 model=$2 input=$3; shift 3
  local pred=$out/pred.tsv
  env "$@" /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys, %M KB max RSS" \
    bin/deepchrome-predict --quiet --threads 2 --model "$out/models/$model.zip" --input "$input" \
    --output "$pred" 2>&1 >/dev/null | tail -2 || true
  rm -f "$pred" "$pred.metrics.json" "$pred.roc.tsv"
}
{
  echo "# $(date -u +%FT%TZ) predict, $genes genes, $(nproc --all) cores, $(free -m | awk '/Mem:/ {print $2}') MB RAM," \
    "load before: $(cut -d' ' -f1-3 /proc/loadavg), DEEPCHROME_JAVA_OPTS='${DEEPCHROME_JAVA_OPTS:-}'"
  for m in $kinds; do
    measure "streaming $m" "$m" "$matrix"
  done
  measure "streaming attentive, $((genes / 10)) genes" attentive "$small"
  for m in cnn logistic; do
    measure "streaming $m, -Xmx$heap" "$m" "$matrix" DEEPCHROME_JAVA_OPTS="-Xmx$heap"
  done
  if [ -n "$before" ]; then
    for m in cnn logistic; do
      measure "before (whole matrix) $m" "$m" "$matrix" DEEPCHROME_LIB="$before"
      measure "before (whole matrix) $m, -Xmx$heap" "$m" "$matrix" DEEPCHROME_LIB="$before" \
        DEEPCHROME_JAVA_OPTS="-Xmx$heap"
    done
  fi
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out/predict.txt"
