// setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask, and
// the dispatcher the engine calls when a host timer expires. The host keeps
// only ids and expiries (timers.go); the callbacks stay here.
  const H_TIMER_SET = host.lookup('timer.set');
  const H_TIMER_CLEAR = host.lookup('timer.clear');
  const timers = new Map(); // id -> { cb, args, delay, repeat }
  let nextTimerId = 1;
  const MAX_TIMERS = 10000;
  function addTimer(cb, delay, args, repeat) {
    checkFunction(cb, 'callback');
    delay *= 1;
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    delay = Math.ceil(delay);
    if (timers.size >= MAX_TIMERS) throw new RangeError(`too many pending timers (limit ${MAX_TIMERS})`);
    if (H_TIMER_SET < 0) throw new Error('timers are not available in this host');
    const id = nextTimerId++;
    timers.set(id, { cb, args, delay, repeat });
    hostCall(H_TIMER_SET, id + ',' + delay);
    return id;
  }
  function clearTimer(id) {
    if (typeof id !== 'number' && typeof id !== 'string') return;
    id = Number(id);
    if (timers.delete(id)) hostCall(H_TIMER_CLEAR, '' + id);
  }
  function dispatch(kind, id) {
    if (kind !== 0) return;
    const t = timers.get(id);
    if (t === undefined) return;
    // Like node, an interval is re-armed before its callback runs.
    if (t.repeat) hostCall(H_TIMER_SET, id + ',' + t.delay);
    else timers.delete(id);
    t.cb.apply(globalThis, t.args);
  }
  // (arg1..arg3 only give the functions node's length of 5)
  // eslint-disable-next-line no-unused-vars
  const setTimeout_ = function setTimeout(callback, after, arg1, arg2, arg3) {
    return addTimer(callback, after, Array.prototype.slice.call(arguments, 2), false);
  };
  // eslint-disable-next-line no-unused-vars
  const setInterval_ = function setInterval(callback, repeat, arg1, arg2, arg3) {
    return addTimer(callback, repeat, Array.prototype.slice.call(arguments, 2), true);
  };
  const clearTimeout_ = function clearTimeout(id) { clearTimer(id); };
  const clearInterval_ = function clearInterval(id) { clearTimer(id); };
  const resolved = Promise.resolve();
  const queueMicrotask_ = function queueMicrotask(cb) {
    checkFunction(cb, 'callback');
    resolved.then(() => {
      try { cb(); } catch (e) { reportException(e); } // 86-report-error.js
    });
  };
