#!/usr/bin/env bash
# record.sh: re-records NAME.out (node's own stdout for NAME.js) for every
# snippet here, using `node` from PATH (node 20).
#   record.sh            re-record all .out files
#   record.sh --check    instead run each snippet through shim.js (the prelude
#                        under node) and report which differ from NAME.out
set -euo pipefail
cd "$(dirname "$0")"
check=0
[ "${1:-}" = "--check" ] && check=1
fail=0
for js in *.js; do
  [ "$js" = shim.js ] && continue
  name=${js%.js}
  if [ "$check" = 1 ]; then
    if node shim.js "$js" 2>/dev/null | cmp -s - "$name.out"; then
      echo "ok   $name"
    else
      echo "FAIL $name"
      fail=1
    fi
  else
    node "$js" > "$name.out"
  fi
done
exit $fail
