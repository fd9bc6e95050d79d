#!/usr/bin/env bash
# Tests of bin/deepchrome-launch with class-data sharing archives (bin/deepchrome-cds-archive):
# the archive is used when valid; a missing, corrupt, truncated, foreign-JVM or stale archive
# changes nothing the user sees (same stdout, no stderr, same output files, exit 0); results are
# identical with and without the archive; the archive script never fails a build.
# Needs the built predict tool (mvn -DskipTests package -pl tools/predict -am).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
target=$root/tools/predict/target
java=${JAVA:-java}
if [ ! -f "$target/deepchrome-predict.jar" ] || [ ! -d "$target/lib" ]; then
  echo "launch-cds.sh: $target/deepchrome-predict.jar is missing; build first: mvn -B -DskipTests package" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# An install of predict in $tmp/lib (DEEPCHROME_LIB): its own jar, the archive under test, and
# links to the built runtime jars (a copy of one of them makes an archive stale later).
install=$tmp/lib
mkdir -p "$install/lib"
cp "$target/deepchrome-predict.jar" "$install/"
for j in "$target"/lib/*.jar; do ln -s "$j" "$install/lib/"; done
export DEEPCHROME_LIB=$install
matrix=$root/test-data/matrix/test.csv
models=$root/galaxy/test-data

# run NAME MODEL: predict with MODEL into $tmp/NAME/, its stdout, stderr and exit status kept there.
run() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  local status=0
  "$root/bin/deepchrome-predict" --quiet --model "$models/$2_model.zip" --input "$matrix" \
    --output "$dir/predictions.tsv" >"$dir/stdout" 2>"$dir/stderr" || status=$?
  echo "$status" > "$dir/status"
  "$root/bin/deepchrome-predict" --version >"$dir/version.stdout" 2>>"$dir/stderr" || echo "$?" > "$dir/status"
}
# same NAME REFERENCE: NAME's run looks exactly like REFERENCE's to the user.
same() {
  local a=$tmp/$1 b=$tmp/$2 f
  for f in status stdout version.stdout predictions.tsv predictions.tsv.metrics.json predictions.tsv.roc.tsv; do
    cmp -s "$a/$f" "$b/$f" || { fail "$1: $f differs from $2's"; return; }
  done
  [ ! -s "$a/stderr" ] || { fail "$1: printed on stderr: $(head -n 2 "$a/stderr")"; return; }
  pass "$1: same stdout, files and exit status as $2, nothing on stderr"
}

# --- reference runs without an archive ---------------------------------------------------
DEEPCHROME_CDS=off run plain-logistic logistic
DEEPCHROME_CDS=off run plain-cnn cnn
[ "$(cat "$tmp/plain-logistic/status")" = 0 ] && grep -q '^AUC ' "$tmp/plain-logistic/stdout" \
  && [ ! -s "$tmp/plain-logistic/stderr" ] || fail "predict without an archive did not run cleanly"
run missing-logistic logistic   # no archive file at all
same missing-logistic plain-logistic

# --- a real archive: used, and results identical ---------------------------------------
"$root/bin/deepchrome-cds-archive" "$install/deepchrome-predict.jar" "$tmp/classlist" --version :: \
  --quiet --model "$models/logistic_model.zip" --input "$matrix" --output "$tmp/record/l.tsv" :: \
  --quiet --model "$models/cnn_model.zip" --input "$matrix" --output "$tmp/record/c.tsv" >"$tmp/make.log" 2>&1
archive=$install/deepchrome-predict.jsa
if [ -s "$archive" ] && grep -q '^deepchrome-cds-archive: wrote ' "$tmp/make.log"; then pass "deepchrome-cds-archive wrote the archive"
else fail "deepchrome-cds-archive wrote no archive: $(cat "$tmp/make.log")"; fi
DEEPCHROME_JAVA_OPTS="-Xlog:class+load:file=$tmp/classes.log" "$root/bin/deepchrome-predict" --version >/dev/null
if grep -q 'picocli.CommandLine source: shared objects file' "$tmp/classes.log" \
   && grep -q 'org.deepchrome.predict.Predict source: shared objects file' "$tmp/classes.log"; then
  pass "the launcher maps the archive (picocli and the tool's classes come from it)"
else
  fail "the launcher does not use the archive: $(grep -m1 'picocli.CommandLine ' "$tmp/classes.log" || echo 'picocli not loaded')"
fi
run archive-logistic logistic
same archive-logistic plain-logistic
run archive-cnn cnn
same archive-cnn plain-cnn
cp "$archive" "$tmp/good.jsa"

# --- broken archives: ignored without a word ------------------------------------------
broken() {  # NAME: the archive in place has been damaged as NAME says
  run "$1" logistic
  same "$1" plain-logistic
  DEEPCHROME_JAVA_OPTS="-Xlog:class+load:file=$tmp/$1.classes" "$root/bin/deepchrome-predict" --version >/dev/null
  grep -q 'picocli.CommandLine source: file:' "$tmp/$1.classes" \
    && pass "$1: the JVM really ran without the archive" || fail "$1: the damaged archive was still used"
  cp "$tmp/good.jsa" "$archive"
}
chmod u+w "$archive"
head -c 100000 /dev/urandom > "$archive"; broken corrupt
head -c 200000 "$tmp/good.jsa" > "$archive"; broken truncated
: > "$archive"; broken empty
# Another JVM build: the archive header names the JVM that wrote it; change that name.
vm=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.version = //p')
offset=$(head -c 65536 "$archive" | grep -abo -F "$vm" | head -n 1 | cut -d: -f1 || true)
if [ -n "$offset" ]; then
  chmod u+w "$archive"
  printf 'X' | dd of="$archive" bs=1 seek="$offset" conv=notrunc 2>/dev/null
  broken other-jvm
else
  fail "cannot find the JVM version '$vm' in the archive header to test a foreign archive"
fi
# Stale: a runtime jar replaced after the archive was made (same name, new file).
picocli=$(basename "$(ls "$install"/lib/picocli-*.jar)")
rm "$install/lib/$picocli"
cp "$target/lib/$picocli" "$install/lib/$picocli"
touch -d '2001-01-01' "$install/lib/$picocli"
broken stale

# --- deepchrome-cds-archive never fails, and leaves no archive when it cannot make one ----
printf '#!/bin/sh\necho "no such JVM" >&2\nexit 1\n' > "$tmp/java"
chmod +x "$tmp/java"
status=0
JAVA=$tmp/java "$root/bin/deepchrome-cds-archive" "$install/deepchrome-predict.jar" "$tmp/classlist" \
  >"$tmp/nojvm.out" 2>"$tmp/nojvm.err" || status=$?
if [ "$status" = 0 ] && [ ! -e "$archive" ] && [ "$(wc -l < "$tmp/nojvm.err")" = 1 ] \
   && grep -q '^deepchrome-cds-archive: warning: ' "$tmp/nojvm.err"; then
  pass "deepchrome-cds-archive with a failing JVM: exit 0, one warning line, no archive"
else
  fail "deepchrome-cds-archive with a failing JVM: status $status, archive $(ls "$archive" 2>&1), stderr: $(cat "$tmp/nojvm.err")"
fi

if [ "$failures" -gt 0 ]; then
  echo "launch-cds.sh: $failures failure(s)"
  exit 1
fi
echo "launch-cds.sh: all passed"
