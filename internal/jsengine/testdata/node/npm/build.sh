#!/usr/bin/env bash
# build.sh NODE_MODULES_DIR: rebuilds ../npm_NAME.js from each NAME.src.js here
# (browser platform, as the module bundler resolves), then records node's
# output as ../npm_NAME.out. The packages: npm install tweetnacl@1.0.3
# jose@5.10.0 @noble/ed25519@2.3.0 in any directory, named as the argument.
set -euo pipefail
cd "$(dirname "$0")"
nm=$(cd "$1" && pwd)
for src in *.src.js; do
  name=${src%.src.js}
  NODE_PATH="$nm" go run github.com/evanw/esbuild/cmd/esbuild "$src" --bundle --minify --platform=browser \
    --format=iife --target=es2022 --legal-comments=none --log-level=warning --outfile="../npm_$name.js"
  (cd .. && node "npm_$name.js" > "npm_$name.out")
done
