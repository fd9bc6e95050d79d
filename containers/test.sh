#!/usr/bin/env bash
# Container tests (run by ./test.sh after the Maven build and the pipeline tests):
# builds the local Debian base and the four tool images offline (containers/build.sh
# --local-base), then for every image checks its metadata (non-root user, no ENTRYPOINT,
# OCI labels, ps), `--help` and `--version`, and a real run on test-data whose output is
# checked; finally runs the pipeline's test profile inside the images (-profile test,podman).
# Prints "N passed, N failed"; exits 1 when anything failed. Skips (exit 0, with the reason)
# only when podman is missing or cannot run at all.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

# Root podman on the CI VMs: lower default ulimits and runc (crun rejects their cgroups).
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/podman/containers.conf}
if ! command -v podman >/dev/null; then
  echo "containers/test.sh: SKIPPED: podman is not installed (apt-get install podman buildah mmdebstrap runc)"
  exit 0
fi
if [ "$CONTAINERS_CONF" = "$here/podman/containers.conf" ] && ! command -v runc >/dev/null && [ ! -x /usr/sbin/runc ]; then
  # Not a reason to skip: CI must install it.
  echo "FAIL runc is not installed (apt-get install runc); $CONTAINERS_CONF selects it"
  echo "containers: 0 passed, 1 failed"
  exit 1
fi
if ! info=$(podman info 2>&1); then
  echo "containers/test.sh: SKIPPED: podman cannot run here: $(echo "$info" | tail -n 1)"
  exit 0
fi

version=$(sed -n 's:^ *<version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)
tools=(bin-signals train predict visualize)
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
# check NAME COMMAND...: one test; the command's output is shown only when it fails.
check() {
  local name=$1 log
  shift
  if log=$("$@" 2>&1); then pass "$name"; else fail "$name"; echo "$log" | tail -n 20 | sed 's/^/     /'; fi
}
finish() {
  echo "containers: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

work=$(mktemp -d "${TMPDIR:-/tmp}/deepchrome-containers.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The images run as their own non-root user (uid 10001): give it a writable directory.
mkdir -p "$work/out"
chmod 0777 "$work/out"
# A readable copy of test-data: files the tools wrote on the host may be 0600 (root only).
cp -r test-data "$work/data"
cp galaxy/test-data/not_a_model.zip "$work/data/"
chmod -R a+rX "$work/data"

# --- build ---------------------------------------------------------------------------------
start=$(date +%s)
if "$here/build.sh" --engine podman --local-base > "$work/build.log" 2>&1; then
  pass "build base and images ($(( $(date +%s) - start )) s)"
  grep '^build.sh:' "$work/build.log" | sed 's/^/     /'
else
  fail "build base and images" "log follows"
  tail -n 40 "$work/build.log" | sed 's/^/     /'
  finish
fi

run() {  # run TOOL ARGS...: a command in the tool's image, test-data read-only at /data, /out writable
  local tool=$1
  shift
  podman run --rm --pull=never -v "$work/data:/data:ro" -v "$work/out:/out" \
    "deepchrome/$tool:$version" "$@"
}

# --- every image: metadata, --help, --version ------------------------------------------------
for t in "${tools[@]}"; do
  image=deepchrome/$t:$version
  meta=$(podman image inspect --format \
    '{{.Config.User}}|{{json .Config.Entrypoint}}|{{index .Config.Labels "org.opencontainers.image.version"}}|{{index .Config.Labels "org.opencontainers.image.licenses"}}|{{index .Config.Labels "org.opencontainers.image.source"}}' \
    "$image" 2>&1)
  IFS='|' read -r user entrypoint label_version licenses source <<< "$meta"
  if [ "$user" = deepchrome ] && { [ "$entrypoint" = null ] || [ "$entrypoint" = '[]' ]; } \
     && [ "$label_version" = "$version" ] && [ "$licenses" = MIT ] && [ -n "$source" ]; then
    pass "$t: non-root user, no ENTRYPOINT, OCI labels"
  else
    fail "$t: metadata" "$meta"
  fi
  check "$t: runs as a non-root uid, ps present (Nextflow trace)" \
    run "$t" bash -c '[ "$(id -u)" != 0 ] && ps -p 1 -o pid= >/dev/null'
  check "$t: deepchrome-$t --help exits 0 with usage" \
    bash -c "out=\$(podman run --rm --pull=never $image deepchrome-$t --help) && grep -q 'deepchrome-$t' <<< \"\$out\" && grep -q -- '--help' <<< \"\$out\""
  check "$t: --version prints $version" \
    bash -c "podman run --rm --pull=never $image deepchrome-$t --version | grep -q '$version'"
done

# --- shared layer and size goals --------------------------------------------------------------
layers() { podman image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "deepchrome/$1:$version" | sed '/^$/d'; }
shared=$(comm -12 <(layers train | sort) <(layers predict | sort) | comm -12 - <(layers visualize | sort) \
  | comm -23 - <(layers bin-signals | sort) | wc -l)
if [ "$shared" -ge 1 ]; then pass "train, predict, visualize share $shared layer(s) bin-signals lacks (ND4J)"
else fail "ND4J images share a layer" "no common layer beyond the base"; fi
size=$(podman image inspect --format '{{.Size}}' "deepchrome/bin-signals:$version")
if [ "$size" -lt 200000000 ]; then pass "bin-signals image under 200 MB ($((size / 1000000)) MB)"
else fail "bin-signals image under 200 MB" "$((size / 1000000)) MB"; fi

# --- real runs on test-data ---------------------------------------------------------------------
out=$work/out
marks=()
for m in H3K27me3 H3K36me3 H3K4me1 H3K4me3 H3K9me3; do marks+=(--mark "$m=/data/$m.bam"); done
# The committed test matrices are this very command's output: the image must reproduce them.
bin_signals_reproduces_test_matrices() {
  run bin-signals deepchrome-bin-signals --quiet --genes /data/genes.bed "${marks[@]}" \
    --expression /data/expression.tsv --split chrom:chr3:chr2 --output /out/matrix || return 1
  for s in train valid test; do cmp "$out/matrix/$s.csv" "test-data/matrix/$s.csv" || return 1; done
}
check "bin-signals: BAMs -> test-data/matrix/{train,valid,test}.csv, identical" bin_signals_reproduces_test_matrices

train_one_epoch() {
  run train deepchrome-train --quiet --train /data/matrix/train.csv --valid /data/matrix/valid.csv \
    --output /out/model.zip --metrics /out/model.epochs.tsv --epochs 1 --seed 1 --threads 2 || return 1
  [ -s "$out/model.zip" ] || { echo "no model.zip"; return 1; }
  [ "$(tail -n +2 "$out/model.epochs.tsv" | wc -l)" = 1 ] || { cat "$out/model.epochs.tsv"; return 1; }
}
check "train: CNN, 1 epoch -> model.zip and one epoch row" train_one_epoch

test_genes=$(( $(wc -l < test-data/matrix/test.csv) / 100 ))
predict_test_genes() {
  local p=$out/predictions.tsv
  run predict deepchrome-predict --quiet --model /out/model.zip --input /data/matrix/test.csv \
    --output /out/predictions.tsv --metrics /out/predictions.metrics.json || return 1
  head -n 1 "$p" | grep -q "^gene_id	probability_high	predicted_label" || { head -n 1 "$p"; return 1; }
  [ "$(tail -n +2 "$p" | wc -l)" = "$test_genes" ] || { echo "not $test_genes rows"; return 1; }
  tail -n +2 "$p" | awk -F '\t' '$2 < 0 || $2 > 1 { bad = 1 } END { exit bad }' || { echo "probability outside [0,1]"; return 1; }
  grep -q '"auc"' "$out/predictions.metrics.json"
}
check "predict: $test_genes test genes, probabilities in [0,1], AUC in metrics" predict_test_genes

# Same model, same matrix, same machine: the host launcher gives the same labels and the same
# probabilities up to the last printed digit (a host with Debian's libopenblas0 installed runs
# ND4J on that OpenBLAS instead of the bundled one, which moves the 6th decimal).
predict_same_as_host() {
  bin/deepchrome-predict --quiet --model "$out/model.zip" --input test-data/matrix/test.csv \
    --output "$work/host-predictions.tsv" --metrics "$work/host-metrics.json" >/dev/null || return 1
  paste "$work/host-predictions.tsv" "$out/predictions.tsv" | awk -F '\t' '
    NR == 1 { next }
    $1 != $5 || $3 != $7 || $2 - $6 > 1e-5 || $6 - $2 > 1e-5 { print "differs: " $0; bad = 1 }
    END { exit bad }'
}
if [ -s "$out/predictions.tsv" ]; then
  check "predict: image and host launcher agree (labels, probabilities within 1e-5)" predict_same_as_host
fi

# Exit codes pass through the launcher: bad input is exit 2 with one line naming the file.
predict_bad_model() {
  local err rc
  err=$(run predict deepchrome-predict --quiet --model /data/not_a_model.zip \
    --input /data/matrix/test.csv --output /out/never.tsv 2>&1 >/dev/null)
  rc=$?
  echo "exit $rc: $err"
  [ "$rc" = 2 ] && [ "$(grep -c . <<< "$err")" = 1 ] && grep -q not_a_model.zip <<< "$err" \
    && [ ! -e "$out/never.tsv" ]
}
check "predict: bad model file -> exit 2, one line on stderr, no output" predict_bad_model

visualize_pngs() {
  run visualize deepchrome-visualize --quiet --model /out/model.zip --input /data/matrix/test.csv \
    --output-dir /out/vis --iterations 20 --top 3 --format png || return 1
  for f in class_optimization.png class_optimization.tsv saliency.png profile_heatmap.png; do
    [ -s "$out/vis/$f" ] || { echo "missing $f"; return 1; }
  done
  [ "$(head -c 4 "$out/vis/class_optimization.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ]
}
check "visualize: class optimization, saliency, profile heatmap -> PNG files" visualize_pngs

# Nextflow may run tasks as the calling user (-u uid:gid), a uid the image does not know and
# without a home: ND4J's JavaCPP must still find somewhere to unpack its natives.
check "train: runs as an arbitrary uid without a home" \
  podman run --rm --pull=never --user 4242:4242 -v "$work/data:/data:ro" \
    "deepchrome/train:$version" deepchrome-train --quiet --model cnn --epochs 1 \
    --train /data/matrix/train.csv --valid /data/matrix/valid.csv --output /tmp/m.zip

# --- the pipeline in the images ---------------------------------------------------------------
# Tasks must run as the user that owns Nextflow's work directory, not as the images' own
# user: the podman profile's runOptions (-u uid:gid) see to that.
# One model and one epoch keep it short: every process still runs, each in its own image.
if [ -x nextflow/launcher/nextflow ] && [ -f deepchrome.nf ]; then
  nf=$work/nextflow
  mkdir -p "$nf"
  start=$(date +%s)
  if nextflow/launcher/nextflow -log "$nf/nextflow.log" run deepchrome.nf -profile test,podman \
       --model_types cnn --epochs 1 -work-dir "$nf/work" --outdir "$nf/results" > "$nf/stdout.log" 2>&1; then
    pass "nextflow run deepchrome.nf -profile test,podman ($(( $(date +%s) - start )) s)"
    in_images=$(cat "$nf"/work/*/*/.command.run 2>/dev/null | grep 'podman run' \
      | grep -o "deepchrome/[a-z-]*:$version" | sort -u | tr '\n' ' ')
    if [ "$(wc -w <<< "$in_images")" = 4 ]; then pass "pipeline tasks ran in all four images: $in_images"
    else fail "pipeline tasks ran in all four images" "saw: ${in_images:-none}"; fi
    pngs=$(find "$nf/results" -name '*.png' | wc -l)
    if [ "$pngs" -ge 1 ]; then pass "pipeline wrote $pngs PNG heatmaps/plots"
    else fail "pipeline wrote PNG heatmaps" "none under $nf/results"; fi
  else
    fail "nextflow run deepchrome.nf -profile test,podman" "log follows"
    tail -n 30 "$nf/stdout.log" | sed 's/^/     /'
  fi
else
  fail "nextflow run deepchrome.nf -profile test,podman" "nextflow/launcher/nextflow or deepchrome.nf missing"
fi

finish
