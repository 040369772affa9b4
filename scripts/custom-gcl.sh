#!/usr/bin/env bash
# Build a custom golangci-lint with the awaitvet module plugin, offline.
#
#   scripts/custom-gcl.sh OUTPUT            # e.g. scripts/custom-gcl.sh bin/custom-gcl
#   GCL_VERSION=v2.15.0 scripts/custom-gcl.sh OUTPUT
#
# This is `golangci-lint custom` with a .custom-gcl.yml that points at this
# checkout (see docs/golangci-lint.md), made to work on a machine that reaches
# the Go module proxy but no git host. `golangci-lint custom` runs
#
#   git clone --branch <version> --single-branch --depth 1 \
#       https://github.com/golangci/golangci-lint.git
#
# (pkg/commands/internal/builder.go), then adds the plugin import, a replace
# directive for a local plugin, `go mod tidy` and `go build`. So:
#
#   1. download golangci-lint's module at GCL_VERSION from the proxy and make
#      a git repository of it, tagged GCL_VERSION;
#   2. build golangci-lint itself from the proxy (go install ...@GCL_VERSION);
#   3. run its `custom` command with git's url.<local>.insteadOf rewriting
#      the clone URL to the local repository.
#
# The rewrite is passed in GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n/GIT_CONFIG_VALUE_n,
# which the custom command hands on to git (it drops most other GIT_*
# variables, GIT_CONFIG_GLOBAL included); no git configuration file is
# changed. Everything else (the module downloads of golangci-lint's
# dependencies) goes through GOPROXY as usual. Set CUSTOM_GCL_KEEP_TEMP_FILES=1
# to keep golangci-lint's build directory for inspection.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTPUT" >&2
	exit 2
fi

GCL_VERSION=${GCL_VERSION:-v2.15.0}
GCL_MODULE=github.com/golangci/golangci-lint/v2
GCL_REPO_URL=https://github.com/golangci/golangci-lint.git

root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
case $out in /*) ;; *) out=$PWD/$out ;; esac
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

work=$(mktemp -d "${TMPDIR:-/tmp}/awaitvet-custom-gcl.XXXXXX")
cleanup() {
	chmod -R u+w "$work" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

# Outside any module or workspace, whatever the caller's directory.
export GOWORK=off
# Both builds below compile golangci-lint's own packages, the first from the
# module cache and the second from the clone `custom` makes of it. Without
# -trimpath the go command hashes each package's directory into its build
# cache key, so the second build compiles them all again; with it, the
# second reuses the first's (about 35 s instead of minutes on a cold cache).
# `custom` runs go build with this environment.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-trimpath"
cd "$work"

step() { printf '%s [%ss] %s\n' "custom-gcl:" "$SECONDS" "$*" >&2; }

step "downloading $GCL_MODULE@$GCL_VERSION"
dir=$(go mod download -json "$GCL_MODULE@$GCL_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
	echo "custom-gcl: go mod download $GCL_MODULE@$GCL_VERSION gave no directory" >&2
	exit 1
fi

step "making a git repository of $dir, tagged $GCL_VERSION"
src=$work/golangci-lint
cp -R "$dir/." "$src"
chmod -R u+w "$src" # the module cache is read-only
# Our own git commands ignore the user's and the system's git configuration
# (signing, hooks, templates) and change none of it.
g() {
	GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -C "$src" \
		-c user.name=awaitvet -c user.email=awaitvet@localhost \
		-c commit.gpgSign=false -c tag.gpgSign=false -c init.defaultBranch=main \
		-c core.hooksPath=/dev/null "$@"
}
g init -q
g add -A -f . # -f: the module's own .gitignore must not drop module files
g commit -q -m "$GCL_MODULE $GCL_VERSION from the module proxy"
g tag "$GCL_VERSION"

step "building golangci-lint $GCL_VERSION"
GOBIN=$work/bin go install "$GCL_MODULE/cmd/golangci-lint@$GCL_VERSION"

step "golangci-lint custom (plugin: $root)"
mkdir "$work/cfg"
cat >"$work/cfg/.custom-gcl.yml" <<EOF
version: $GCL_VERSION
name: $(basename "$out")
destination: $(dirname "$out")
plugins:
  - module: github.com/awaitvet/awaitvet
    import: github.com/awaitvet/awaitvet/plugin
    path: $root
EOF
# Append to any GIT_CONFIG_COUNT entries the caller already has.
n=${GIT_CONFIG_COUNT:-0}
export "GIT_CONFIG_KEY_$n=url.file://$src.insteadOf" "GIT_CONFIG_VALUE_$n=$GCL_REPO_URL"
export "GIT_CONFIG_KEY_$((n + 1))=protocol.file.allow" "GIT_CONFIG_VALUE_$((n + 1))=always"
export GIT_CONFIG_COUNT=$((n + 2))
(cd "$work/cfg" && "$work/bin/golangci-lint" custom -v)

"$out" version >&2
step "built $out"
