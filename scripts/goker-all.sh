#!/usr/bin/env bash
# goker-all.sh BIN [-v]: ../shared/bench/goker.sh (recall on the GoKer
# kernels) with every check of BIN enabled, experimental ones included:
# recall is measured on the whole model, whatever the tiers, and a default
# run is a subset of it. It runs goker.sh on a wrapper tool that adds
# -awaitvet.checks=all to each go vet invocation.
set -euo pipefail
bin=$(cd "$(dirname "${1:?usage: goker-all.sh BIN [-v]}")" && pwd)/$(basename "$1")
shift
goker=${GOKER:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench/goker.sh}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '#!/bin/sh\nexec %q -awaitvet.checks=all "$@"\n' "$bin" >"$dir/awaitvet-all"
chmod +x "$dir/awaitvet-all"
"$goker" "$dir/awaitvet-all" "$@"
