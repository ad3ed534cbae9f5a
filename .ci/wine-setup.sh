#!/usr/bin/env bash
# Prepare a wine prefix able to run Go (>= 1.22) windows/amd64 test binaries.
#
#   bash .ci/wine-setup.sh
#
# Idempotent; meant for root on Debian bookworm (uses sudo for apt if not root).
#  1. installs wine, wine64 and the mingw-w64 cross C compiler with apt-get;
#  2. creates/initialises the prefix $WINEPREFIX (default ~/.cache/corets-wine),
#     skipping wine's mono/gecko installers;
#  3. builds .ci/wine/processprng.c into bcryptprimitives.dll and installs it
#     into the prefix's system32: Go's runtime needs ProcessPrng from that DLL
#     at start-up and wine 8.0 has none (see the C file).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export WINEPREFIX="${WINEPREFIX:-$HOME/.cache/corets-wine}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
export WINEARCH=win64

log() { echo "wine-setup: $*" >&2; }

# --- 1. packages -----------------------------------------------------------
pkgs=(wine wine64 gcc-mingw-w64-x86-64)
missing=()
for p in "${pkgs[@]}"; do
	if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done
if ((${#missing[@]})); then
	sudo=()
	if [[ $EUID -ne 0 ]]; then sudo=(sudo); fi
	log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# Debian's /usr/bin/wine picks wine64 when wine32 is absent; fall back to
# wine64 itself if the wrapper is not there.
if command -v wine >/dev/null 2>&1; then
	wine=wine
elif command -v wine64 >/dev/null 2>&1; then
	wine=wine64
elif [[ -x /usr/lib/wine/wine64 ]]; then
	wine=/usr/lib/wine/wine64
else
	log "no wine binary found after install"
	exit 1
fi

# --- 2. prefix ---------------------------------------------------------------
sys32="$WINEPREFIX/drive_c/windows/system32"
if [[ ! -f "$WINEPREFIX/system.reg" || ! -d "$sys32" ]]; then
	log "initialising prefix $WINEPREFIX (takes a while the first time)"
	mkdir -p "$WINEPREFIX"
	"$wine" wineboot --init >/dev/null 2>&1 || true
	wineserver -w 2>/dev/null || true
	if [[ ! -d "$sys32" ]]; then
		log "wineboot did not create $sys32"
		exit 1
	fi
fi

# --- 3. bcryptprimitives.dll ------------------------------------------------
src="$here/wine/processprng.c"
dll="$sys32/bcryptprimitives.dll"
stamp="$WINEPREFIX/.corets-processprng.sha256"
want="$(sha256sum "$src" | cut -d' ' -f1)"
if [[ ! -f "$dll" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
	log "building $dll"
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
	x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -static-libgcc \
		-o "$tmp/bcryptprimitives.dll" "$src" -ladvapi32
	install -m 0644 "$tmp/bcryptprimitives.dll" "$dll"
	echo "$want" >"$stamp"
fi

log "ready: WINEPREFIX=$WINEPREFIX ($("$wine" --version 2>/dev/null || echo 'wine ?'))"
