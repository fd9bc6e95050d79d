#!/usr/bin/env bash
# The suite's tests, in order: Java unit and integration tests (Maven; they also replay the
# fuzz corpora), a time-boxed fuzzing run per parser (tools/fuzz.sh), the kill-anywhere test
# of the tools, then the launcher's class-data sharing tests (bin/tests), the Galaxy wrapper
# tests, the pipeline tests (nextflow/tests) and the container tests, each run by its own
# script when present. Any failure fails the whole run.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp verify

# A short fuzzing run per parser (about 30 s each; docs/security.md). DEEPCHROME_FUZZ=0 skips it.
if [ "${DEEPCHROME_FUZZ:-1}" != 0 ]; then
  echo "== tools/fuzz.sh"
  tools/fuzz.sh
fi

# Each tool killed with SIGKILL at seeded random moments: no partial output, no lasting temporaries.
echo "== tools/kill-test/kill_anywhere.py"
python3 tools/kill-test/kill_anywhere.py

for stage in bin/tests/launch-cds.sh galaxy/test/run-tests.sh nextflow/tests/run-tests.sh containers/test.sh; do
  if [ -x "$stage" ]; then
    echo "== $stage"
    "./$stage"
  fi
done
