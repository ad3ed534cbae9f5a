#!/bin/sh
# Records node's stdout for each NAME.mjs here (NAME.out) and for each
# NAME/main.js module directory (NAME/main.out). Node 20.
set -e
cd "$(dirname "$0")"
for f in *.mjs; do node "$f" > "${f%.mjs}.out"; done
for d in */; do
	[ -f "$d/main.js" ] || continue
	(cd "$d" && node main.js > main.out)
done
