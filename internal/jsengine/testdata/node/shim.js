// shim.js: runs a snippet under node with the prelude's globals in place of
// node's own, through a fake __host backed by node. Not a snippet itself.
//
//   node shim.js NAME.js     prints what the prelude's versions print
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { randomFillSync } = require('crypto');

const nodeSetTimeout = setTimeout;
const nodeClearTimeout = clearTimeout;
const nodeNow = performance.now.bind(performance);
const nodeStructuredClone = structuredClone;
const stdout = process.stdout;
const stderr = process.stderr;

const fns = ['console', 'timer.set', 'timer.clear'];
const handles = new Map();
let dispatch;

globalThis.__host = {
  lookup: (name) => fns.indexOf(name),
  call(id, payload) {
    switch (fns[id]) {
      case 'console': {
        const tab = payload.indexOf('\t');
        const level = payload.slice(0, tab);
        (level === 'warn' || level === 'error' ? stderr : stdout).write(payload.slice(tab + 1) + '\n');
        return undefined;
      }
      case 'timer.set': {
        const [tid, delay] = payload.split(',').map(Number);
        nodeClearTimeout(handles.get(tid));
        handles.set(tid, nodeSetTimeout(() => {
          handles.delete(tid);
          dispatch(0, tid);
        }, delay));
        return undefined;
      }
      case 'timer.clear': {
        const tid = Number(payload);
        nodeClearTimeout(handles.get(tid));
        handles.delete(tid);
        return undefined;
      }
    }
    throw new Error(`unknown host function ${id}`);
  },
  now: nodeNow,
  randomFill: (view) => { randomFillSync(view); },
  detach: (ab) => { nodeStructuredClone(ab, { transfer: [ab] }); },
};

// The prelude's globals replace node's; it must not lean on any of these.
for (const name of ['console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval',
  'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'atob', 'btoa',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'DOMException', 'Event', 'CustomEvent',
  'EventTarget', 'AbortController', 'AbortSignal', 'crypto', 'Crypto', 'performance', 'Performance']) {
  delete globalThis[name];
}

// The prelude's parts, joined as prelude.go joins them: in name order, as
// the body of one function called with the host object.
const preludeDir = path.join(__dirname, '..', '..', 'prelude');
const parts = fs.readdirSync(preludeDir).filter((f) => f.endsWith('.js')).sort()
  .map((f) => fs.readFileSync(path.join(preludeDir, f), 'utf8').replace(/\n?$/, '\n'));
const prelude = '(function (host) {\n' + parts.join('') + '})(globalThis.__host);\n';
dispatch = vm.runInThisContext(prelude, { filename: 'prelude.js' });
if (typeof dispatch !== 'function') throw new Error('the prelude did not end with the dispatcher');
if ('__host' in globalThis) throw new Error('the prelude left __host behind');

const snippet = process.argv[2];
if (snippet) vm.runInThisContext(fs.readFileSync(snippet, 'utf8'), { filename: path.basename(snippet) });
