#!/usr/bin/env bash
# Builds quickjs.wasm: QuickJS 2025-04-26 from Debian's `quickjs` source
# package, our patches, and bridge.c, compiled to a wasm32-wasi reactor.
#
#   build.sh            rebuild quickjs.wasm in place
#   build.sh --check    rebuild into a temporary file and fail unless it is
#                       byte for byte the committed quickjs.wasm
#   build.sh --deps     install the toolchain (Debian packages) first
#   build.sh --fetch-only   fetch and verify the upstream tarball, print its path
#
# The toolchain is Debian bookworm's clang-16, lld-16, wasi-libc and binaryen;
# the same packages give the same bytes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=2025.04.26
debian_revision=1
orig=quickjs_${version}.orig.tar.xz
orig_sha256=ec81da5b3249ed648dbc7df4a1654988910e66a118d9b71cb63534216efcfbbe

check=0
deps=0
fetch_only=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --deps) deps=1 ;;
    --fetch-only) fetch_only=1 ;;
    *) echo "usage: $0 [--check] [--deps] [--fetch-only]" >&2; exit 2 ;;
  esac
done

if [ "$deps" = 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    clang-16 lld-16 libclang-rt-16-dev-wasm32 wasi-libc binaryen xz-utils patch >/dev/null
fi

cache=${CORETS_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corets-wasm/quickjs-src}
mkdir -p "$cache"

# Fetch the upstream tarball through apt from trixie's source index, using a
# private apt state so the machine's own configuration is left alone. The
# mirror is the one this machine already uses for Debian.
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
if [ "$fetch_only" = 1 ]; then
  echo "$cache/$orig"
  exit 0
fi

# Build in a fixed path so __FILE__ strings (QuickJS's asserts) and any other
# path that leaks into the binary are the same on every machine.
work=/tmp/corets-wasm-quickjs-build
# The path is fixed, so two builds at once (CI and a developer, parallel
# clones) would share it: the second waits for the first.
exec 9>"$work.lock"
flock 9
rm -rf "$work"
mkdir -p "$work"
tar -xJf "$cache/$orig" -C "$work"
src="$work/quickjs-${version}"
for p in "$here"/patches/*.patch; do
  patch -s -p1 -d "$src" < "$p"
done
cp "$here/src/bridge.c" "$src/"

cc=clang-16
cflags=(
  --target=wasm32-wasi
  # only wasi-libc's headers: Debian's clang would otherwise fall back to the
  # host's glibc headers for anything wasi-libc lacks (setjmp.h, pthread.h)
  -nostdinc -isystem "$(clang-16 -print-resource-dir)/include" -isystem /usr/include/wasm32-wasi
  -O2 -fwrapv -funsigned-char -D_GNU_SOURCE
  # less inlining: a 15% smaller module that wazero validates and loads from
  # its cache faster on every process start (README, "Speed levers measured")
  -mllvm -inline-threshold=75
  -DCONFIG_VERSION="\"${version//./-}\""
  -ffile-prefix-map="$work"=.
  -Wno-unused-parameter
)
objs=()
for f in quickjs libregexp libunicode cutils dtoa bridge; do
  "$cc" "${cflags[@]}" -c "$src/$f.c" -o "$work/$f.o"
  objs+=("$work/$f.o")
done

# No -O at link time: clang-16 would run wasm-opt itself without feature flags.
"$cc" --target=wasm32-wasi -L/usr/lib/wasm32-wasi -fuse-ld=lld \
  -mexec-model=reactor -nostartfiles /usr/lib/wasm32-wasi/crt1-reactor.o \
  -Wl,-z,stack-size=1048576 -Wl,--stack-first \
  -Wl,--strip-all \
  -o "$work/quickjs.raw.wasm" "${objs[@]}"

wasm-opt -O2 --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-bulk-memory "$work/quickjs.raw.wasm" -o "$work/quickjs.wasm"

if [ "$check" = 1 ]; then
  if cmp -s "$work/quickjs.wasm" "$here/quickjs.wasm"; then
    echo "quickjs.wasm: identical to the build ($(wc -c < "$here/quickjs.wasm") bytes)"
  else
    echo "quickjs.wasm differs from what build.sh makes: run internal/jsengine/engine/build.sh and commit" >&2
    exit 1
  fi
else
  cp "$work/quickjs.wasm" "$here/quickjs.wasm"
  echo "wrote $here/quickjs.wasm ($(wc -c < "$here/quickjs.wasm") bytes)"
fi
rm -rf "$work"
