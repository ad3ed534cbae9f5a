#!/usr/bin/env bash
# Records node's stdout for each module here: NAME.mjs -> NAME.out.
set -euo pipefail
cd "$(dirname "$0")"
for f in *.mjs; do
  node "$f" > "${f%.mjs}.out"
done
