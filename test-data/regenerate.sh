#!/usr/bin/env bash
# Regenerates test-data/ from the project's own generator (seeded: same files every run).
#   test-data/regenerate.sh            genes.bed, expression.tsv, chrom.sizes, five BAMs + .bai,
#                                      then matrix/{train,valid,test}.csv via deepchrome-bin-signals
#   test-data/regenerate.sh OUTDIR ARGS  only the generator, into OUTDIR, with extra generator
#                                      arguments (e.g. --scale 20 --sequences for a benchmark BAM)
# Needs Java 17 and Maven; builds tools/bin-signals (and core) first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${1:-test-data}
[ $# -gt 0 ] && shift

# package (not install): the jar, its target/lib/ and the compiled test classes are all we need.
mvn -B -q -ntp -pl tools/bin-signals -am -DskipTests package >/dev/null
target=tools/bin-signals/target
classpath="$target/test-classes:$target/deepchrome-bin-signals.jar:$target/lib/*"

java -cp "$classpath" org.deepchrome.binsignals.testdata.SyntheticDataGenerator --out "$out" "$@"

if [ "$out" = test-data ] && [ $# -eq 0 ]; then
  # The ready matrices the other tools' tests use: chr1 trains, chr2 validates, chr3 tests.
  marks=()
  for m in H3K27me3 H3K36me3 H3K4me1 H3K4me3 H3K9me3; do marks+=(--mark "$m=test-data/$m.bam"); done
  bin/deepchrome-bin-signals --quiet --genes test-data/genes.bed "${marks[@]}" \
      --expression test-data/expression.tsv --split chrom:chr3:chr2 --output test-data/matrix
  # galaxy/test-data holds copies of some of these (the Tool Shed needs real files there);
  # galaxy/test/run-tests.sh fails until they are made again.
  echo "regenerate.sh: now run galaxy/test/make-test-data.sh (after mvn package) to refresh galaxy/test-data" >&2
fi
