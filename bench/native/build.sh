#!/usr/bin/env bash
# Builds native QuickJS (`qjs`) with the machine's gcc from the same Debian
# source tarball as internal/jsengine/engine/quickjs.wasm, for the benchmark's
# "native QuickJS" column. QuickJS's own Makefile, its default flags (-O2,
# no LTO).
#
#   build.sh               build bench/native/qjs (fetching the tarball if needed)
#   build.sh --fetch-only  only fetch and verify the tarball into the cache
#
# The tarball is cached where internal/jsengine/engine/build.sh caches it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=2025.04.26

fetch_only=0
for arg in "$@"; do
  case "$arg" in
    --fetch-only) fetch_only=1 ;;
    *) echo "usage: $0 [--fetch-only]" >&2; exit 2 ;;
  esac
done

# The engine's build script fetches, verifies (pinned sha256) and caches the
# tarball; it prints the tarball's path.
tarball=$(bash "$here/../../internal/jsengine/engine/build.sh" --fetch-only)
[ "$fetch_only" = 1 ] && exit 0

command -v gcc >/dev/null || { echo "build.sh: gcc not found (apt-get install gcc make)" >&2; exit 1; }
command -v make >/dev/null || { echo "build.sh: make not found (apt-get install make)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work"
src="$work/quickjs-${version}"
# CONFIG_LTO is off in QuickJS's Makefile by default on Linux; say so anyway,
# so a gcc without a working gcc-ar cannot break the build.
make -C "$src" -j"$(nproc)" CC=gcc CONFIG_LTO= qjs >"$work/make.log" 2>&1 || {
  tail -30 "$work/make.log" >&2; echo "build.sh: make qjs failed" >&2; exit 1; }
cp "$src/qjs" "$here/qjs.tmp"
mv "$here/qjs.tmp" "$here/qjs"
echo "wrote $here/qjs ($("$here/qjs" --help 2>&1 | head -1))"
