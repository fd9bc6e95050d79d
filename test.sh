#!/usr/bin/env bash
# The suite's tests, in order: Java unit and integration tests (Maven), then the
# launcher's class-data sharing tests (bin/tests), the Galaxy wrapper tests, the pipeline
# tests (nextflow/tests) and the container tests, each run by its own script when present.
# Any failure fails the whole run.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp verify

for stage in bin/tests/launch-cds.sh galaxy/test/run-tests.sh nextflow/tests/run-tests.sh containers/test.sh; do
  if [ -x "$stage" ]; then
    echo "== $stage"
    "./$stage"
  fi
done
