#!/usr/bin/env bash
# Train/predict benchmark on the real E012 cell: this suite (CNN kernel on oneDNN sgemm) against the PyTorch and
# scikit-learn peers, same split, same network, batch and thread count, same machine, one run.
# Needs: the suite built (mvn -B -q -DskipTests package), /usr/bin/python3 with torch and
# sklearn (Debian: python3-torch python3-sklearn), ../shared/data/remc-E012.
# Usage: bench/ml/run.sh speed|accuracy|forest|linear|regression|all [THREADS=1] [TIMING_EPOCHS=3] [AUC_EPOCHS=20]
#   speed:    seconds (wall and CPU) per training epoch and inference genes/s, suite vs PyTorch
#   accuracy: E012 test AUC of cnn/rf/svm/logistic through the CLI, PyTorch and scikit-learn peers
#   forest:   deepchrome-train --model-type rf (1 and 2 threads) against scikit-learn's
#             RandomForestClassifier (100 trees, sqrt features, n_jobs=1), back to back, ROUNDS times
#             (default 2): wall, CPU, max RSS of the whole command, test AUC; then the forest alone
#             in-process (bench/ml/ForestBench.java) on 1 and 2 threads. Needs only python3-sklearn.
#   linear:   the svm and logistic C grids (0.001…1, 1 thread) against scikit-learn's liblinear.
#   regression: --task regression on E012 (targets log1p(rpkm) from expression.tsv): epoch time of the
#             regression CNN against the classification CNN (alternating epochs, one process,
#             bench/ml/RegressionBench.java), then cnn and ridge through the CLI (test Pearson r) and the
#             PyTorch (same network, one linear output, MSE) and scikit-learn ridge peers on the same split.
#   attentive: AttentiveChrome, suite (bench/ml/AttentiveBench.java, deepchrome-train/predict) against
#             the same model in PyTorch (bench/ml/pytorch_attentive.py): seconds per epoch (wall and CPU)
#             and inference genes/s at 1 and 2 threads (TIMING_EPOCHS epochs each), then test AUC after
#             AUC_EPOCHS epochs (THREADS threads) with max RSS of the whole command.
#   all:      speed and accuracy (forest, linear, regression and attentive are run on their own).
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
load() { cut -d' ' -f1-3 /proc/loadavg; }
# One line per command: wall, CPU and max RSS as /usr/bin/time measures them (the -v fields).
timed() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys, %M KB max RSS" "$@"; }
test_auc() {
  bin/deepchrome-predict --quiet --model "$1" --input "$data/test.csv.gz" --output "$1.test.tsv" \
    --metrics "$1.metrics.json" --threads 1 >/dev/null 2>&1
  grep -o '"auc" *: *[0-9.]*' "$1.metrics.json" | grep -o '[0-9.]*$'
}
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
    /usr/bin/time -f "$kind train: %e s wall, %M KB max RSS" bin/deepchrome-train --quiet --model-type "$kind" \
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
if [ "$what" = attentive ]; then
{
  echo "# $(stamp) attentive, E012, $(nproc --all) cores, load: $(load)"
  part=${ATTENTIVE_PART:-all}  # speed, accuracy or all
  for t in 1 2; do
    [ "$part" = accuracy ] && break
    echo "## speed, $t thread(s), load $(load)"
    OMP_NUM_THREADS=$t java -cp 'tools/train/target/lib/*' bench/ml/AttentiveBench.java "$data/train.csv.gz" "$t" \
      "$timing_epochs" "$data/test.csv.gz" 2>&1 | grep -v SLF4J
    echo "## (load $(load))"
    OMP_NUM_THREADS=$t "$py" bench/ml/pytorch_attentive.py "$data" --threads "$t" --epochs "$timing_epochs" \
      | grep -E 'epoch [0-9]|predict'
  done
  if [ "$part" != speed ]; then
  echo "## accuracy, $auc_epochs epochs, $threads thread(s), load $(load)"
  OMP_NUM_THREADS=$threads timed "deepchrome-train attentive (load $(load))" bin/deepchrome-train --quiet \
    --model-type attentive --train "$data/train.csv.gz" --valid "$data/valid.csv.gz" \
    --output "$out/e012.attentive.zip" --epochs "$auc_epochs" --threads "$threads" 2>&1 | grep -v SLF4J
  echo "  test_auc $(test_auc "$out/e012.attentive.zip")"
  OMP_NUM_THREADS=$threads timed "PyTorch attentive (load $(load))" "$py" bench/ml/pytorch_attentive.py "$data" \
    --threads "$threads" --epochs "$auc_epochs" 2>&1 | grep -E "best|median|predict|RSS"
  fi
} | tee "$out/attentive-${ATTENTIVE_PART:-all}.txt"
fi
if [ "$what" = forest ]; then
{
  rounds=${ROUNDS:-2}
  echo "# $(stamp) forest, E012, $(nproc --all) cores, load: $(load)"
  for round in $(seq "$rounds"); do
    for t in 1 2; do
      timed "deepchrome-train rf --threads $t (round $round, load $(load))" bin/deepchrome-train --quiet \
        --model-type rf --train "$data/train.csv.gz" --valid "$data/valid.csv.gz" --output "$out/e012.rf.t$t.zip" \
        --threads "$t" 2>&1 | grep -v SLF4J
      echo "  test_auc $(test_auc "$out/e012.rf.t$t.zip")"
    done
    timed "scikit-learn script (round $round, load $(load))" "$py" bench/ml/sklearn_baselines.py "$data" --models rf
  done
  cmp -s <(unzip -p "$out/e012.rf.t1.zip" forest.bin) <(unzip -p "$out/e012.rf.t2.zip" forest.bin) \
    && echo "forest.bin identical on 1 and 2 threads" || echo "forest.bin DIFFERS between 1 and 2 threads"
  echo "## the forest alone, in-process (matrices read first, not counted)"
  for t in 1 2; do
    java -cp 'tools/train/target/lib/*' bench/ml/ForestBench.java "$data" "$t" 2>&1 | grep -v SLF4J
  done
} | tee "$out/forest.txt"
fi
if [ "$what" = linear ]; then
{
  echo "# $(stamp) linear C grid (0.001,0.01,0.1,1), E012, 1 thread, load: $(load)"
  for kind in svm logistic; do
    timed "deepchrome-train $kind (load $(load))" bin/deepchrome-train --model-type "$kind" \
      --train "$data/train.csv.gz" --valid "$data/valid.csv.gz" --output "$out/e012.$kind.zip" --threads 1 2>&1 \
      | grep -v -e SLF4J -e ': wrote '
    echo "  test_auc $(test_auc "$out/e012.$kind.zip")"
    timed "scikit-learn script $kind (load $(load))" "$py" bench/ml/sklearn_baselines.py "$data" --models "$kind" \
      2>&1 | grep -v -i warn
  done
} | tee "$out/linear.txt"
fi
if [ "$what" = regression ]; then
{
  echo "# $(stamp) regression, E012, $(nproc --all) cores, load: $(load), threads 1"
  echo "## epoch time, regression vs classification network (deepchrome kernel)"
  java -cp 'tools/train/target/lib/*' bench/ml/RegressionBench.java "$data/train.csv.gz" "$data/expression.tsv" \
    rpkm "$timing_epochs" 2>&1 | grep -v SLF4J
  echo "## deepchrome-train --task regression / deepchrome-predict (load $(load))"
  for kind in cnn ridge; do
    timed "$kind train" bin/deepchrome-train --quiet --task regression --model-type "$kind" \
      --expression "$data/expression.tsv" --expression-column rpkm --train "$data/train.csv.gz" \
      --valid "$data/valid.csv.gz" --output "$out/e012.reg.$kind.zip" --epochs "$auc_epochs" --threads 1 2>&1 \
      | grep -v SLF4J
    grep -e '"valid_r"' -e '"best_epoch"' "$out/e012.reg.$kind.zip.summary.json" | tr -d ' \n'; echo
    echo -n "$kind test: "
    bin/deepchrome-predict --quiet --model "$out/e012.reg.$kind.zip" --input "$data/test.csv.gz" \
      --expression "$data/expression.tsv" --expression-column rpkm --output "$out/e012.reg.$kind.test.tsv" \
      --threads 1 2>&1 | grep -v SLF4J
  done
  echo "## PyTorch and scikit-learn peers (load $(load))"
  (cd bench/ml && "$py" pytorch_regression.py "../../$data" "../../$data/expression.tsv" rpkm --threads 1 \
    --epochs "$auc_epochs") | grep -v 'regression epoch'
} | tee "$out/regression.txt"
fi
