// node:assert/strict for CoreTS-Wasm modules: assert.strict (node:assert).
'use strict';
module.exports = require('node:assert').strict;
