#!/usr/bin/env bash
# Cross-compile Go test binaries for windows/amd64 and run them under wine.
#
#   bash .ci/wine-test.sh PKG...        e.g. bash .ci/wine-test.sh ./internal/wasmhost/
#
# Packages are anything `go list` accepts (./..., import paths). Each test
# binary runs with -test.short from its package directory, as `go test` would.
# Extra test flags: WINE_TEST_ARGS="-test.run=Foo -test.v". Prints one line per
# package and a closing "wine-test: N passed, N failed"; exits 1 if any failed.
# Runs .ci/wine-setup.sh first if the wine prefix is not ready.
set -euo pipefail

if (($# == 0)); then
	echo "usage: $0 PKG..." >&2
	exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export WINEPREFIX="${WINEPREFIX:-$HOME/.cache/corets-wine}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"

if ! command -v wine >/dev/null 2>&1 ||
	[[ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]]; then
	bash "$here/wine-setup.sh"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Keep one wineserver up across the binaries (it exits 30 s after the last).
wineserver -p30 >/dev/null 2>&1 || true

read -r -a extra <<<"${WINE_TEST_ARGS:-}"

# ImportPath, Dir, and whether the package has tests, as seen for windows.
list="$(GOOS=windows GOARCH=amd64 go list \
	-f '{{.ImportPath}}	{{.Dir}}	{{len .TestGoFiles}}{{len .XTestGoFiles}}	{{.Name}}' "$@")"
mapfile -t pkgs <<<"$list"

passed=0 failed=0
for line in "${pkgs[@]}"; do
	IFS=$'\t' read -r pkg dir ntests pkgname <<<"$line"
	if [[ "$ntests" == "00" ]]; then
		printf '?    %s\t[no test files]\n' "$pkg"
		continue
	fi
	name="$(tr '/.' '__' <<<"$pkg")"
	exe="$tmp/$name.test.exe"
	log="$tmp/$name.log"
	start=$SECONDS
	# wine 8 fails the NtSetInformationFile(FileDispositionInformationEx)
	# call Go 1.26 deletes files with ("Invalid function") where Windows 10
	# 1607 and later succeed; Go's own fallback (the call older Windows
	# needs) works under wine. An overlay adds one file to the test binary
	# that switches Go's test-only fallback flag on; the package is otherwise
	# built exactly as it is.
	fix="$tmp/${name}_winefix_test.go"
	printf 'package %s\n\nimport _ "unsafe"\n\n//go:linkname wineDeleteFallback internal/syscall/windows.TestDeleteatFallback\nvar wineDeleteFallback bool\n\nfunc init() { wineDeleteFallback = true }\n' "$pkgname" >"$fix"
	printf '{"Replace":{"%s":"%s"}}' "$dir/zz_winefix_test.go" "$fix" >"$tmp/$name.overlay.json"
	if ! GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$exe" -overlay "$tmp/$name.overlay.json" -ldflags=-checklinkname=0 "$pkg" >"$log" 2>&1; then
		cat "$log"
		printf 'FAIL %s\t[build failed]\n' "$pkg"
		failed=$((failed + 1))
		continue
	fi
	if (cd "$dir" && timeout 20m wine "$exe" -test.short -test.timeout=15m "${extra[@]}") >"$log" 2>&1; then
		# Show the binary's output only when asked for (-test.v).
		if [[ " ${extra[*]} " == *" -test.v"* ]]; then cat "$log"; fi
		printf 'ok   %s\t%ds (wine)\n' "$pkg" $((SECONDS - start))
		passed=$((passed + 1))
	else
		rc=$?
		cat "$log"
		printf 'FAIL %s\t%ds (wine, exit %d)\n' "$pkg" $((SECONDS - start)) "$rc"
		failed=$((failed + 1))
	fi
done

echo "wine-test: $passed passed, $failed failed"
((failed == 0))
