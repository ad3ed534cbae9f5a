#!/usr/bin/env bash
# Builds native QuickJS (`qjs`) with the machine's gcc from the same Debian
# source tarball as jsengine/engine/quickjs.wasm, for the benchmark's
# "native QuickJS" column. QuickJS's own Makefile, its default flags (-O2,
# no LTO).
#
#   build.sh               build bench/native/qjs (fetching the tarball if needed)
#   build.sh --fetch-only  only fetch and verify the tarball into the cache
#
# The tarball is cached where jsengine/engine/build.sh caches it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=2025.04.26
debian_revision=1
orig=quickjs_${version}.orig.tar.xz
orig_sha256=ec81da5b3249ed648dbc7df4a1654988910e66a118d9b71cb63534216efcfbbe

fetch_only=0
for arg in "$@"; do
  case "$arg" in
    --fetch-only) fetch_only=1 ;;
    *) echo "usage: $0 [--fetch-only]" >&2; exit 2 ;;
  esac
done

cache=${CORETS_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corets-wasm/quickjs-src}
mkdir -p "$cache"

# Same as jsengine/engine/build.sh: the upstream tarball through apt from
# trixie's source index, with a private apt state, from the Debian mirror this
# machine already uses.
fetch_source() {
  local mirror apt_dir
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  if [ -z "$mirror" ]; then
    mirror=$(awk '$1 == "deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  [ -n "$mirror" ] || { echo "build.sh: no Debian mirror found in /etc/apt" >&2; exit 1; }
  apt_dir=$(mktemp -d)
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb-src [trusted=yes] $mirror trixie main" > "$apt_dir/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=-
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
              -o APT::Sandbox::User=root)
  apt-get "${opts[@]}" update -qq
  (cd "$apt_dir" && apt-get "${opts[@]}" source --download-only -qq "quickjs=${version}-${debian_revision}")
  mv "$apt_dir/$orig" "$cache/$orig"
  rm -rf "$apt_dir"
}

if [ ! -f "$cache/$orig" ] || ! echo "$orig_sha256  $cache/$orig" | sha256sum -c --quiet - 2>/dev/null; then
  fetch_source
fi
echo "$orig_sha256  $cache/$orig" | sha256sum -c --quiet - || {
  echo "build.sh: $orig does not have the pinned sha256" >&2; exit 1; }
[ "$fetch_only" = 1 ] && exit 0

command -v gcc >/dev/null || { echo "build.sh: gcc not found (apt-get install gcc make)" >&2; exit 1; }
command -v make >/dev/null || { echo "build.sh: make not found (apt-get install make)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$cache/$orig" -C "$work"
src="$work/quickjs-${version}"
# CONFIG_LTO is off in QuickJS's Makefile by default on Linux; say so anyway,
# so a gcc without a working gcc-ar cannot break the build.
make -C "$src" -j"$(nproc)" CC=gcc CONFIG_LTO= qjs >"$work/make.log" 2>&1 || {
  tail -30 "$work/make.log" >&2; echo "build.sh: make qjs failed" >&2; exit 1; }
cp "$src/qjs" "$here/qjs.tmp"
mv "$here/qjs.tmp" "$here/qjs"
echo "wrote $here/qjs ($("$here/qjs" --help 2>&1 | head -1))"
