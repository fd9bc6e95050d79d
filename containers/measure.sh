#!/usr/bin/env bash
# Figures for docs/benchmarks.md "## containers": image sizes, the shared ND4J layer, and
# the start-up time of each tool in its image (`--version`, hyperfine) next to the same
# launcher outside a container. Needs the images (containers/build.sh) and hyperfine.
#   containers/measure.sh [RUNS]      (default 10 runs per command)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/podman/containers.conf}
runs=${1:-10}
version=$(sed -n 's:^ *<version>\([^<]*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
tools=(bin-signals train predict visualize)

echo "## image sizes (podman image inspect .Size, uncompressed)"
for image in localhost/deepchrome/base:$version "${tools[@]/#/deepchrome/}"; do
  case $image in *:*) ;; *) image=$image:$version ;; esac
  printf '%-40s %6.1f MB\n' "$image" "$(podman image inspect --format '{{.Size}}' "$image" | awk '{print $1 / 1e6}')"
done

echo "## layers of deepchrome/train:$version (podman history)"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "deepchrome/train:$version" | cut -c1-110

echo "## layers shared by train, predict and visualize (beyond bin-signals)"
layers() { podman image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' "deepchrome/$1:$version" | sed '/^$/d' | sort; }
comm -12 <(layers train) <(layers predict) | comm -12 - <(layers visualize) | comm -23 - <(layers bin-signals)

echo "## start-up: --version, $runs runs each (first: a container that does nothing)"
hyperfine --style basic -N -w 1 -r "$runs" "podman run --rm --pull=never localhost/deepchrome/base:$version true" 2>&1 | grep -E 'Benchmark|Time'
for t in "${tools[@]}"; do
  hyperfine --style basic -N -w 1 -r "$runs" \
    "podman run --rm --pull=never deepchrome/$t:$version deepchrome-$t --version" \
    "$root/bin/deepchrome-$t --version" 2>&1 | grep -E 'Benchmark|Time'
done
