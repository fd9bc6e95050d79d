#!/usr/bin/env bash
# The suite's tests, in order: Java unit and integration tests (Maven), then the
# kill-anywhere test of the tools, the Galaxy wrapper tests, the pipeline tests (nextflow/tests) and the container tests, each
# run by its own script when present. Any failure fails the whole run.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp verify

# Each tool killed with SIGKILL at seeded random moments: no partial output, no lasting temporaries.
echo "== tools/kill-test/kill_anywhere.py"
python3 tools/kill-test/kill_anywhere.py

for stage in galaxy/test/run-tests.sh nextflow/tests/run-tests.sh containers/test.sh; do
  if [ -x "$stage" ]; then
    echo "== $stage"
    "./$stage"
  fi
done
