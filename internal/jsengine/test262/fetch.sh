#!/usr/bin/env bash
# Rebuilds a test262 checkout (harness/, test/) and QuickJS's native
# run-test262, so the conformance figures of internal/jsengine/test262 can be
# reproduced on a machine without git access.
#
#   fetch.sh [DIR]    write the checkout to DIR (default: the cache below);
#                     DIR must not exist or be empty
#
# test262 comes from the copy Mozilla vendors in its source
# (js/src/tests/test262), taken from Debian trixie's mozjs128 source package
# (pinned version and sha256) and converted back by mozimport (read its doc).
# run-test262 is built with gcc from the pinned QuickJS tarball that
# engine/build.sh fetches; a test262 symlink beside it points at DIR, so
# QuickJS's own test262.conf finds the suite:
#
#   cd "$(fetch.sh prints it)" && ./run-test262 -m -c test262.conf -a
#
# (-a after -c: the conf's mode=default would otherwise override it; -a runs
# every test in strict and sloppy mode, as QuickJS's "make test2" does)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
moz_version=128.14.0
moz_revision=1~deb13u1
moz_orig=mozjs128_${moz_version}.orig.tar.xz
moz_sha256=41cca35149710ce45fbabc5fefcf86a01fdf833fdb783941964fca3a55fb72dd
# The digest of the rebuilt checkout (harness/ and test/: sha256sum of every
# file in byte order of path, then sha256sum of that list): test262 79e9b39.
# Debian replaces a package's version in its index when it publishes another,
# so when the pinned tarball is gone, the mozjs128 source the mirror has now
# is taken instead, and kept only if it rebuilds this very tree (later ESR
# updates carry the same test262 import).
tree_sha256=b099f7ab3cfe88865f5581ec3f352064ab362f716683523296e2daaeecfdebce

case "${1:-}" in -h|--help) sed -n 2,19p "$0"; exit 0 ;; esac
[ $# -le 1 ] || { echo "usage: $0 [DIR]" >&2; exit 2; }

# CORETS_TEST262_CACHE: where the tarball and the native runner are kept
# (engine/build.sh keeps its QuickJS tarball by its own CORETS_BUILD_CACHE)
cache=${CORETS_TEST262_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corets-wasm}
mkdir -p "$cache/mozjs-src"
out=${1:-$cache/test262}

# Fetch the source through apt from trixie's source indexes with a private apt
# state (as engine/build.sh does for QuickJS): the machine's own apt
# configuration is left alone; the mirrors are the ones /etc/apt names.
# $1: the version to fetch ("" for the one the index has now). Prints the
# tarball's path.
fetch_mozjs() {
  local apt_dir uri want=mozjs128
  [ -z "$1" ] || want="mozjs128=$1"
  apt_dir=$(mktemp -d)
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  : > "$apt_dir/sources.list"
  for uri in $(awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null) \
             $(awk '$1 == "deb" {print $2}' /etc/apt/sources.list 2>/dev/null); do
    case "$uri" in
      *security*) echo "deb-src [trusted=yes] $uri trixie-security main" ;;
      *) echo "deb-src [trusted=yes] $uri trixie main"
         echo "deb-src [trusted=yes] $uri trixie-updates main" ;;
    esac
  done | sort -u > "$apt_dir/sources.list"
  [ -s "$apt_dir/sources.list" ] || { echo "fetch.sh: no Debian mirror found in /etc/apt" >&2; rm -rf "$apt_dir"; return 1; }
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=-
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
              -o APT::Sandbox::User=root)
  if ! apt-get "${opts[@]}" update -qq >&2 ||
     ! (cd "$apt_dir" && apt-get "${opts[@]}" source --download-only -qq "$want" >&2); then
    rm -rf "$apt_dir"
    return 1
  fi
  local f
  f=$(echo "$apt_dir"/mozjs128_*.orig.tar.xz)
  [ -f "$f" ] || { rm -rf "$apt_dir"; return 1; }
  mv "$f" "$cache/mozjs-src/"
  rm -rf "$apt_dir"
  echo "$cache/mozjs-src/$(basename "$f")"
}

tree_digest() {
  (cd "$1" && find harness test -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

tarball=$cache/mozjs-src/$moz_orig
if [ ! -f "$tarball" ] || ! echo "$moz_sha256  $tarball" | sha256sum -c --quiet - 2>/dev/null; then
  if ! tarball=$(fetch_mozjs "${moz_version}-${moz_revision}"); then
    echo "fetch.sh: mozjs128 ${moz_version}-${moz_revision} is not on the mirror; taking the version it has, kept only if its test262 is the pinned tree" >&2
    tarball=$(fetch_mozjs "") || { echo "fetch.sh: no mozjs128 source on the mirror" >&2; exit 1; }
  elif ! echo "$moz_sha256  $tarball" | sha256sum -c --quiet -; then
    echo "fetch.sh: $moz_orig does not have the pinned sha256" >&2; exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work" --wildcards '*/js/src/tests/test262'
src=$(echo "$work"/*/js/src/tests/test262)
(cd "$repo" && go run ./internal/jsengine/test262/mozimport -src "$src" -out "$out")
out=$(cd "$out" && pwd)
got=$(tree_digest "$out")
if [ "$got" != "$tree_sha256" ]; then
  echo "fetch.sh: the test262 rebuilt from $(basename "$tarball") is not the pinned tree (digest $got, want $tree_sha256): errors.txt and the figures are for the pinned one" >&2
  exit 1
fi

# QuickJS's native runner, from the tarball engine/build.sh pins.
qjs_tar=$("$repo/internal/jsengine/engine/build.sh" --fetch-only | tail -n 1)
native=$cache/quickjs-native
rm -rf "$native"
mkdir -p "$native"
tar -xJf "$qjs_tar" -C "$native"
qdir=$(echo "$native"/quickjs-*)
make -s -C "$qdir" CC=gcc run-test262 >/dev/null
ln -s "$out" "$qdir/test262"
echo "test262 checkout: $out"
echo "native runner:    cd $qdir && ./run-test262 -m -c test262.conf -a"
echo "QuickJS's conf:   $qdir/test262.conf"
echo "ours:             go run ./internal/jsengine/test262 -dir $out -conf $qdir/test262.conf"
