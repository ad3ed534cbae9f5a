#!/usr/bin/env bash
# Builds the example wasm (Extism) plugins from their WAT sources in src/:
#
#   src/plugin.wat -> plugin/plugin.wasm
#   src/bigmem.wat -> bigmem/bigmem.wasm
#
#   build.sh            rebuild the .wasm files in place
#   build.sh --check    rebuild into a temporary directory and fail unless
#                       every file is byte for byte the committed one
#   build.sh --deps     install the toolchain (Debian's wabt) first
#
# wat2wasm from Debian bookworm's wabt (1.0.32); the same source gives the
# same bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
check=0
deps=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --deps) deps=1 ;;
    *) echo "usage: $0 [--check] [--deps]" >&2; exit 2 ;;
  esac
done

if [ "$deps" = 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt >/dev/null
fi
command -v wat2wasm >/dev/null || { echo "build.sh: wat2wasm not found; run with --deps or install wabt" >&2; exit 1; }

plugins="plugin bigmem"
out=$here
if [ "$check" = 1 ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

status=0
for p in $plugins; do
  mkdir -p "$out/$p"
  wat2wasm "$here/src/$p.wat" -o "$out/$p/$p.wasm"
  if [ "$check" = 1 ]; then
    if ! cmp -s "$out/$p/$p.wasm" "$here/$p/$p.wasm"; then
      echo "build.sh: $p/$p.wasm differs from what src/$p.wat builds; run testdata/wasm/build.sh" >&2
      status=1
    fi
  fi
done
[ "$status" = 0 ] && [ "$check" = 1 ] && echo "wasm plugins: committed files match their sources"
exit $status
