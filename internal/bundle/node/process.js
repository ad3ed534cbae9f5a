// node:process for CoreTS-Wasm modules. The engine defines no global
// process. versions has no `node` and release.name is
// not 'node', so packages that probe for node do not take its paths.
// It tells a module nothing
// about the host: env is empty but for NODE_ENV (the manifest's
// bundle.node_env, replaced at bundle time), cwd() is '/', argv is empty,
// versions has no node, platform is 'linux' whatever the host runs (as in
// workerd). nextTick runs on the microtask queue; stdout/stderr.write go to
// console.log/console.error a line at a time (a partial line is flushed
// at the end of the current task). What would act on the host process
// (exit, kill, chdir, setuid...) throws ERR_METHOD_NOT_IMPLEMENTED.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const EventEmitter = require('node:events');

const proc = new EventEmitter();
const notImplemented = (name) => () => {
  throw I.nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name}() method is not implemented`);
};

const env = {};
// esbuild's define replaces this expression with bundle.node_env (or undefined)
const nodeEnv = process.env.NODE_ENV;
if (nodeEnv !== undefined) env.NODE_ENV = nodeEnv;

function nextTick(callback, ...args) {
  if (typeof callback !== 'function') throw I.argTypeError('callback', 'of type function', callback);
  queueMicrotask(() => callback(...args));
}

function hrtime(prev) {
  const now = performance.timeOrigin + performance.now();
  let sec = Math.floor(now / 1e3);
  let nsec = Math.round((now - sec * 1e3) * 1e6);
  if (prev !== undefined) {
    if (!Array.isArray(prev)) throw I.argTypeError('time', 'an instance of Array', prev);
    if (prev.length !== 2) {
      throw I.nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "time" is out of range. It must be 2. Received ${prev.length}`);
    }
    sec -= prev[0];
    nsec -= prev[1];
    if (nsec < 0) {
      sec--;
      nsec += 1e9;
    }
  }
  return [sec, nsec];
}
hrtime.bigint = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

function stream(fd, level) {
  let pending = '';
  let scheduled = false;
  const out = level === 'error' ? console.error : console.log;
  const flush = () => {
    scheduled = false;
    if (pending !== '') {
      const s = pending;
      pending = '';
      out(s);
    }
  };
  const s = new EventEmitter();
  Object.assign(s, {
    fd,
    isTTY: false,
    writable: true,
    write(chunk, encoding, cb) {
      if (typeof encoding === 'function') cb = encoding;
      const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
      pending += text;
      const nl = pending.lastIndexOf('\n');
      if (nl >= 0) {
        const lines = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        out(lines);
      }
      if (pending !== '' && !scheduled) {
        scheduled = true;
        setTimeout(flush, 0);
      }
      if (typeof cb === 'function') queueMicrotask(cb);
      return true;
    },
    end(chunk, encoding, cb) {
      if (chunk !== undefined && typeof chunk !== 'function') s.write(chunk, encoding);
      flush();
      const done = [chunk, encoding, cb].find((f) => typeof f === 'function');
      if (done) queueMicrotask(done);
    },
  });
  return s;
}

Object.assign(proc, {
  title: 'corets',
  version: '',
  versions: {},
  release: { name: 'corets' },
  platform: 'linux',
  arch: 'wasm32',
  argv: [],
  argv0: '',
  execArgv: [],
  execPath: '',
  exitCode: undefined,
  env,
  config: { variables: {} },
  features: {},
  nextTick,
  hrtime,
  cwd: () => '/',
  umask: () => 0o22,
  uptime: () => performance.now() / 1e3,
  emitWarning(warning, type, code) {
    let name = 'Warning';
    let message = warning;
    if (typeof type === 'object' && type !== null) {
      code = type.code;
      type = type.type;
    }
    if (warning instanceof Error) {
      name = warning.name;
      message = warning.message;
    } else if (typeof type === 'string') {
      name = type;
    }
    console.error(`(node) ${code ? `[${code}] ` : ''}${name}: ${message}`);
  },
  stdout: stream(1, 'log'),
  stderr: stream(2, 'error'),
  exit: notImplemented('process.exit'),
  abort: notImplemented('process.abort'),
  kill: notImplemented('process.kill'),
  chdir: notImplemented('process.chdir'),
  binding: notImplemented('process.binding'),
  dlopen: notImplemented('process.dlopen'),
});
// no Symbol.toStringTag 'process': packages (bluebird) read "[object process]" as node

module.exports = proc;
