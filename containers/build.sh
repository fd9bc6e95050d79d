#!/usr/bin/env bash
# Builds the DeepChrome tool images deepchrome/<tool>:<version> from the Maven-built jars
# (run `mvn -B -DskipTests package` first) with podman or docker, and can export them.
#
#   containers/build.sh [--engine podman|docker] [--base IMAGE | --local-base [--rebuild-base]]
#                       [--export DIR] [TOOL ...]
#
#   TOOL            bin-signals train predict visualize (default: all four)
#   --engine        podman (default when installed) or docker
#   --base IMAGE    Java 17 base image (default: the Dockerfile's eclipse-temurin:17-jre)
#   --local-base    build the base from Debian packages (containers/base/mkbase.sh) instead of
#                   pulling one, and build offline (--pull=never); the base is reused while
#                   it exists
#   --rebuild-base  rebuild that local base even if it exists
#   --export DIR    also save each image as DIR/deepchrome-<tool>-<version>.tar (docker-archive:
#                   `podman load -i`, `docker load -i`, `singularity build x.sif docker-archive://...`)
# On a root podman whose open-files limit is low (the CI VMs), first:
#   export CONTAINERS_CONF=containers/podman/containers.conf
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
all_tools=(bin-signals train predict visualize)
nd4j_tools=(train predict visualize)

engine=
base=
local_base=false
rebuild_base=false
export_dir=
tools=()
while [ $# -gt 0 ]; do
  case $1 in
    --engine) engine=${2:?--engine needs podman or docker}; shift 2 ;;
    --base) base=${2:?--base needs an image}; shift 2 ;;
    --local-base) local_base=true; shift ;;
    --rebuild-base) local_base=true; rebuild_base=true; shift ;;
    --export) export_dir=${2:?--export needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) tools+=("$1"); shift ;;
  esac
done
[ ${#tools[@]} -gt 0 ] || tools=("${all_tools[@]}")
for t in "${tools[@]}"; do
  case " ${all_tools[*]} " in *" $t "*) ;; *) echo "build.sh: unknown tool $t (one of: ${all_tools[*]})" >&2; exit 2 ;; esac
done
if [ -z "$engine" ]; then
  if command -v podman >/dev/null; then engine=podman; elif command -v docker >/dev/null; then engine=docker
  else echo "build.sh: neither podman nor docker is installed" >&2; exit 1; fi
fi
if [ -n "$base" ] && $local_base; then echo "build.sh: --base and --local-base exclude each other" >&2; exit 2; fi

# The project version: the parent pom's own <version> (the first one in the file).
version=$(sed -n 's:^ *<version>\([^<]*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
[ -n "$version" ] || { echo "build.sh: no <version> in $root/pom.xml" >&2; exit 1; }
source_url=$(git -C "$root" config --get remote.origin.url 2>/dev/null || true)
revision=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
[ -n "$source_url" ] || source_url="deepchrome-suite (no public repository configured) at $revision"

seconds() { date +%s.%N; }
image_id() { "$engine" image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
# A rebuilt tag leaves its previous image untagged; remove it unless something still uses it.
drop_if_replaced() {  # OLD_ID IMAGE
  if [ -n "$1" ] && [ "$1" != "$(image_id "$2")" ]; then "$engine" rmi "$1" >/dev/null 2>&1 || true; fi
}
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

# --- stage the build context -----------------------------------------------------------
ctx=$here/build/context
rm -rf "$ctx"
mkdir -p "$ctx/launcher" "$ctx/nd4j/lib"
cp "$root/bin/deepchrome-launch" "$root/bin/deepchrome-cds-archive" "$ctx/launcher/"
for t in "${all_tools[@]}"; do
  jar=$root/tools/$t/target/deepchrome-$t.jar
  if [ ! -f "$jar" ] || [ ! -d "$root/tools/$t/target/lib" ]; then
    echo "build.sh: $jar or its lib/ is missing; build the tools first: mvn -B -DskipTests package" >&2
    exit 1
  fi
  cp "$root/bin/deepchrome-$t" "$ctx/launcher/"
done
# Jars every ND4J tool ships, byte for byte, go to the shared layer; the project's own jars
# (deepchrome-*) change with every commit and stay in the tool layers so the big layer is
# rebuilt only when a library changes.
first=$root/tools/${nd4j_tools[0]}/target/lib
for lib in "$first"/*.jar; do
  name=$(basename "$lib")
  case $name in deepchrome-*) continue ;; esac
  shared=true
  for t in "${nd4j_tools[@]:1}"; do
    cmp -s "$lib" "$root/tools/$t/target/lib/$name" || { shared=false; break; }
  done
  if $shared; then cp -p "$lib" "$ctx/nd4j/lib/"; fi
done
for t in "${all_tools[@]}"; do
  mkdir -p "$ctx/$t/lib"
  cp -p "$root/tools/$t/target/deepchrome-$t.jar" "$ctx/$t/"
  # The class list Maven recorded for the tool's CDS archive; the image dumps its own archive from it.
  classlist=$root/tools/$t/target/cds/deepchrome-$t.classlist
  if [ -f "$classlist" ]; then cp "$classlist" "$ctx/$t/"
  else echo "build.sh: warning: $classlist is missing (built with -Ddeepchrome.cds.skip?); the image starts without a CDS archive" >&2; fi
  for lib in "$root/tools/$t/target/lib"/*.jar; do
    name=$(basename "$lib")
    case " ${nd4j_tools[*]} " in
      *" $t "*) [ -f "$ctx/nd4j/lib/$name" ] && continue ;;
    esac
    cp -p "$lib" "$ctx/$t/lib/"
  done
done

# Every Class-Path entry of a tool's manifest must be in its image (tool lib/ or shared lib/).
manifest_attribute() {  # JAR NAME: one main attribute of the jar's manifest, continuation lines joined
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && jar xf "$1" META-INF/MANIFEST.MF)
  tr -d '\r' < "$tmp/META-INF/MANIFEST.MF" \
    | awk '/^ / { line = line substr($0, 2); next } { if (line != "") print line; line = $0 } END { print line }' \
    | sed -n "s/^$2: //p"
  rm -rf "$tmp"
}
for t in "${all_tools[@]}"; do
  jar=$ctx/$t/deepchrome-$t.jar
  [ -n "$(manifest_attribute "$jar" Main-Class)" ] \
    || echo "build.sh: warning: deepchrome-$t.jar has no Main-Class yet (tool not written?)" >&2
  for entry in $(manifest_attribute "$jar" Class-Path); do
    if [ ! -f "$ctx/$t/$entry" ] && [ ! -f "$ctx/nd4j/$entry" ]; then
      echo "build.sh: deepchrome-$t.jar's Class-Path names $entry, which is not staged" >&2
      exit 1
    fi
  done
done
echo "build.sh: staged $ctx (shared ND4J layer: $(ls "$ctx/nd4j/lib" | wc -l) jars, $(du -sh "$ctx/nd4j/lib" | cut -f1))"

# --- base image --------------------------------------------------------------------------
build_args=(--build-arg "VERSION=$version" --build-arg "SOURCE=$source_url" --build-arg "REVISION=$revision")
pull=()
if $local_base; then
  base=localhost/deepchrome/base:$version
  if $rebuild_base || ! "$engine" image inspect "$base" >/dev/null 2>&1; then
    start=$(seconds)
    old=$(image_id "$base")
    "$here/base/mkbase.sh" "$engine" "$base"
    drop_if_replaced "$old" "$base"
    echo "build.sh: base $base built in $(elapsed "$start") s"
  else
    echo "build.sh: reusing base $base (--rebuild-base to rebuild it)"
  fi
  [ "$engine" = podman ] && pull=(--pull=never)
fi
[ -z "$base" ] || build_args+=(--build-arg "BASE=$base")

# --- tool images -------------------------------------------------------------------------
for t in "${tools[@]}"; do
  image=deepchrome/$t:$version
  start=$(seconds)
  old=$(image_id "$image")
  "$engine" build "${pull[@]}" "${build_args[@]}" --target "$t" --tag "$image" \
    --file "$here/Dockerfile" "$ctx"
  drop_if_replaced "$old" "$image"
  echo "build.sh: $image built in $(elapsed "$start") s"
  if [ -n "$export_dir" ]; then
    mkdir -p "$export_dir"
    out=$export_dir/deepchrome-$t-$version.tar
    rm -f "$out"
    "$engine" save -o "$out.tmp" "$image"
    mv "$out.tmp" "$out"
    echo "build.sh: exported $out"
  fi
done
