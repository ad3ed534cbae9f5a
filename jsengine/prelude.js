// TEMPORARY minimal prelude (lead's placeholder; helper replaces this file)
(function (host) {
  delete globalThis.__host;
  const CONSOLE = host.lookup("console"), TSET = host.lookup("timer.set"), TCLEAR = host.lookup("timer.clear");
  const timers = new Map(); let nextId = 1;
  const fmt = (args) => args.map(a => typeof a === "string" ? a : JSON.stringify(a)).join(" ");
  globalThis.console = {};
  for (const l of ["log","info","warn","error","debug"]) globalThis.console[l] = (...a) => host.call(CONSOLE, l + "\t" + fmt(a));
  globalThis.setTimeout = (cb, ms, ...args) => { const id = nextId++; timers.set(id, {cb, args}); host.call(TSET, id + "," + Math.max(1, ms|0)); return id; };
  globalThis.setInterval = (cb, ms, ...args) => { const id = nextId++; timers.set(id, {cb, args, every: Math.max(1, ms|0)}); host.call(TSET, id + "," + Math.max(1, ms|0)); return id; };
  globalThis.clearTimeout = globalThis.clearInterval = (id) => { if (timers.delete(id)) host.call(TCLEAR, String(id)); };
  globalThis.queueMicrotask = (f) => Promise.resolve().then(f);
  return function dispatch(kind, id) {
    const t = timers.get(id); if (!t) return;
    if (t.every) host.call(TSET, id + "," + t.every); else timers.delete(id);
    t.cb(...t.args);
  };
})(globalThis.__host)
