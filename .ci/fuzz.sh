#!/usr/bin/env bash
# Runs every fuzz target for a while (default 2m each) and prints executions
# per target. Crashers land in the package's testdata/fuzz/ as regression
# seeds, which `go test ./...` then replays.
#
#   bash .ci/fuzz.sh [DURATION]        e.g. bash .ci/fuzz.sh 5m
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/local/go/bin:$PATH
time="${1:-2m}"
status=0
while IFS=: read -r file name; do
	pkg="./$(dirname "$file")"
	printf '%-12s %-22s ' "$pkg" "$name"
	if out=$(go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$time" -fuzzminimizetime 5s 2>&1); then
		echo "$out" | grep -o 'execs: [0-9]*' | tail -1 || echo "ok"
	else
		echo "FAILED"; echo "$out" | tail -20; status=1
	fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed 's/func //; s|^\./||')
exit $status
