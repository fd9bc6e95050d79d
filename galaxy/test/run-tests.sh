#!/usr/bin/env bash
# Galaxy wrapper tests without a Galaxy server: schema, IUC lint, galaxy/test-data (real
# files, current copies), every <test> rendered with Cheetah and run against the built tools
# (collection elements in Galaxy's order), the shell-injection and memory checks, the workflow.
# Needs: the tools built (mvn package), java, samtools, python3 with Cheetah, PyYAML and
# docutils (Debian: python3-cheetah python3-yaml python3-docutils). Extra arguments go to
# run_harness.py
# (e.g. --tool deepchrome_train, --only lint, --keep).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# The Debian python3-cheetah lives in the system interpreter; a pyenv/venv python3
# first on PATH would not see it.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import Cheetah, yaml, docutils' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "galaxy tests: no python3 with Cheetah, PyYAML and docutils; install python3-cheetah python3-yaml python3-docutils" >&2
  exit 1
fi
for tool in bin-signals train predict visualize; do
  if [ ! -f "$root/tools/$tool/target/deepchrome-$tool.jar" ]; then
    echo "galaxy tests: tools/$tool/target/deepchrome-$tool.jar missing; build first: mvn -B -q -DskipTests package" >&2
    exit 1
  fi
done
command -v samtools >/dev/null || { echo "galaxy tests: samtools is needed to index BAM inputs as Galaxy does" >&2; exit 1; }
exec "$python" "$here/run_harness.py" "$@"
