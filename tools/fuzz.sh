#!/usr/bin/env bash
# Fuzzes every parser of untrusted input for a bounded time (each target's @FuzzTest
# maxDuration, 30 s), one Maven run per target: Jazzer allows one fuzzed target per JVM.
# Plain `mvn verify` only replays each target's committed corpus; this script searches for
# new failing inputs. A failing input is saved by Jazzer in the target's Inputs directory
# under src/test/resources (crash-*/timeout-*): commit it with the parser fix, and it runs in
# every later `mvn verify`. Called by ../test.sh; skip it there with DEEPCHROME_FUZZ=0.
#
#   tools/fuzz.sh                     every target
#   tools/fuzz.sh GeneReaderFuzzTest  the targets whose class#method contains the word
set -euo pipefail
cd "$(dirname "$0")/.."

# module  class#method (one line per target)
targets=(
  "tools/core        org.deepchrome.core.matrix.MatrixReaderFuzzTest#matrixCsv"
  "tools/core        org.deepchrome.core.matrix.MatrixReaderFuzzTest#matrixCsvGz"
  "tools/bin-signals org.deepchrome.binsignals.GeneReaderFuzzTest#genesBed"
  "tools/bin-signals org.deepchrome.binsignals.GeneReaderFuzzTest#genesGtf"
  "tools/bin-signals org.deepchrome.binsignals.GeneReaderFuzzTest#genesGff3"
  "tools/bin-signals org.deepchrome.binsignals.ExpressionTableFuzzTest#expressionTable"
  "tools/bin-signals org.deepchrome.binsignals.BedReadsFuzzTest#bedReads"
  "tools/bin-signals org.deepchrome.binsignals.BigWigFuzzTest#bigWig"
  "tools/bin-signals org.deepchrome.binsignals.BamPieceFuzzTest#bamRecords"
  "tools/bin-signals org.deepchrome.binsignals.BamPieceFuzzTest#bgzfBlocks"
  "tools/bin-signals org.deepchrome.binsignals.BamPieceFuzzTest#baiIndex"
  "tools/model       org.deepchrome.model.ModelFileFuzzTest#modelZip"
)

mkdir -p target/fuzz  # one log per target
failed=()
for line in "${targets[@]}"; do
  read -r module target <<<"$line"
  if [ $# -gt 0 ] && [[ "$target" != *"$1"* ]]; then
    continue
  fi
  log="target/fuzz/${target##*.}.log"
  echo "== fuzzing $target (log: $log)"
  # test-compile lets the reactor hand the modules' classes to each other without packaging;
  # surefire:test then runs only this target (the model module's extra kernel runs stay out).
  # JUnit's own @Timeout would bound the whole fuzzing run; Jazzer passes it to libFuzzer as
  # the per-input -timeout instead. The agent's hooks (off in plain test runs) are on here.
  if ! JAZZER_FUZZ=1 mvn -B -ntp -q -pl "$module" -am test-compile surefire:test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djunit.jupiter.execution.timeout.mode=disabled \
      -DargLine=-Xmx1g >"$log" 2>&1; then
    grep -E '== Java Exception|^Caused by|^java\.|^org\.deepchrome|crash-|timeout-|FAIL' "$log" | head -20 || true
    failed+=("$target")
  else
    grep -E 'Done [0-9]+ runs' "$log" || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failing inputs found for: ${failed[*]}" >&2
  echo "fuzz: they are saved under the targets' src/test/resources/...FuzzTestInputs/<method>/; commit them with a fix" >&2
  exit 1
fi
echo "fuzz: every target ran its time without a finding"
