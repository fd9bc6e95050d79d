#!/usr/bin/env bash
# Strict-syntax lint of the pipeline with io.nextflow:nf-lang 25.04.0 (what `nextflow lint`
# of Nextflow 25.04 runs): nextflow/tests/lint.sh [FILE_OR_DIR...]
# Without arguments it checks deepchrome.nf, nextflow.config and nextflow/{modules,subworkflows,conf}.
# nf-lang and its dependencies are resolved once with Maven into a cache.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
version=25.04.0
lib="${DEEPCHROME_NFLANG_LIB:-${XDG_CACHE_HOME:-$HOME/.cache}/deepchrome/nf-lang-$version/lib}"
if [ ! -f "$lib/nf-lang-$version.jar" ] || [ ! -f "$lib/groovy-json-4.0.26.jar" ]; then
  echo "lint: resolving io.nextflow:nf-lang:$version with Maven into $lib (once)" >&2
  mkdir -p "$(dirname "$lib")"
  tmp=$(mktemp -d "$(dirname "$lib")/lib.XXXXXX")
  resolve() {
    mvn -B -q "$@" -f "$root/nextflow/launcher/pom.xml" -P '!nextflow,nf-lang' dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp"
  }
  resolve -o >/dev/null 2>&1 || resolve >&2 || true
  if [ ! -f "$tmp/nf-lang-$version.jar" ]; then
    rm -rf "$tmp"
    echo "lint: could not resolve io.nextflow:nf-lang:$version with Maven" >&2
    exit 1
  fi
  rm -rf "$lib" && mv "$tmp" "$lib"
fi
if [ $# -eq 0 ]; then
  cd "$root"
  set -- deepchrome.nf nextflow.config nextflow/modules nextflow/subworkflows nextflow/conf
fi
exec "${JAVA:-java}" -cp "$lib/*" groovy.ui.GroovyMain "$root/nextflow/tests/lint/Lint.groovy" "$@"
