// shim.js: runs a snippet under node with prelude.js's globals in place of
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
};

// The prelude's globals replace node's; it must not lean on any of these.
for (const name of ['console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval',
  'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone', 'atob', 'btoa',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'DOMException', 'Event', 'CustomEvent',
  'EventTarget', 'AbortController', 'AbortSignal', 'crypto', 'Crypto', 'performance', 'Performance']) {
  delete globalThis[name];
}

const prelude = path.join(__dirname, '..', '..', 'prelude.js');
dispatch = vm.runInThisContext(fs.readFileSync(prelude, 'utf8'), { filename: prelude });
if (typeof dispatch !== 'function') throw new Error('prelude.js did not end with the dispatcher');
if ('__host' in globalThis) throw new Error('prelude.js left __host behind');

const snippet = process.argv[2];
if (snippet) vm.runInThisContext(fs.readFileSync(snippet, 'utf8'), { filename: path.basename(snippet) });
