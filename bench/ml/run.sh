#!/usr/bin/env bash
# Train/predict benchmark on the real E012 cell: this suite (CNN kernel on oneDNN sgemm) against the PyTorch and
# scikit-learn peers, same split, same network, batch and thread count, same machine, one run.
# Needs: the suite built (mvn -B -q -DskipTests package), /usr/bin/python3 with torch and
# sklearn (Debian: python3-torch python3-sklearn), ../shared/data/remc-E012.
# Usage: bench/ml/run.sh speed|accuracy|all [THREADS=1] [TIMING_EPOCHS=3] [AUC_EPOCHS=20]
#   speed:    seconds (wall and CPU) per training epoch and inference genes/s, suite vs PyTorch
#   accuracy: E012 test AUC of cnn/rf/svm/logistic through the CLI, PyTorch and scikit-learn peers
# Results are printed and kept in bench/ml/results/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
threads=${2:-1}
timing_epochs=${3:-3}
auc_epochs=${4:-20}
data=../shared/data/remc-E012
if [ ! -d "$data" ]; then
  echo "bench/ml: $data absent; nothing to measure" >&2
  exit 0
fi
out=bench/ml/results
mkdir -p "$out"
py=${PYTHON:-/usr/bin/python3}
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads
stamp() { date -u +%FT%TZ; }
if [ "$what" = speed ] || [ "$what" = all ]; then
{
  echo "# $(stamp) $(uname -m) $(nproc --all) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), threads $threads"
  echo "## speed: deepchrome (epoch 0 is warm-up)"
  java -cp 'tools/train/target/lib/*' bench/ml/CnnBench.java "$data/train.csv.gz" "$threads" "$timing_epochs" 2>&1 \
    | grep -v SLF4J
  echo "## speed: PyTorch"
  "$py" bench/ml/pytorch_deepchrome.py "$data" --threads "$threads" --epochs "$timing_epochs" | grep -v valid_auc
} | tee "$out/speed-t$threads.txt"
fi
if [ "$what" = accuracy ] || [ "$what" = all ]; then
{
  echo "# $(stamp) accuracy, $auc_epochs epochs, threads $threads"
  echo "## deepchrome-train / deepchrome-predict"
  for kind in cnn rf svm logistic; do
    /usr/bin/time -f "$kind train: %e s wall, %M KB max RSS" bin/deepchrome-train --quiet --model "$kind" \
      --train "$data/train.csv.gz" --valid "$data/valid.csv.gz" --output "$out/e012.$kind.zip" \
      --epochs "$auc_epochs" --threads "$threads" 2>&1 | grep -v SLF4J
    echo -n "$kind test: "
    bin/deepchrome-predict --quiet --model "$out/e012.$kind.zip" --input "$data/test.csv.gz" \
      --output "$out/e012.$kind.test.tsv" --threads "$threads" 2>&1 | grep -v SLF4J
  done
  echo "## PyTorch peer"
  "$py" bench/ml/pytorch_deepchrome.py "$data" --threads "$threads" --epochs "$auc_epochs" | grep -E 'best|median'
  echo "## scikit-learn peers"
  (cd bench/ml && "$py" sklearn_baselines.py "../../$data")
} | tee "$out/accuracy-t$threads.txt"
fi
