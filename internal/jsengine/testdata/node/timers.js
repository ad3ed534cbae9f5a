// Ordering of timers, microtasks and promises.
const log = (...a) => console.log(...a);
log('sync start');
setTimeout(() => log('timeout 0'), 0);
setTimeout((a, b) => log('timeout args', a, b), 0, 'x', 42);
queueMicrotask(() => log('microtask 1'));
Promise.resolve().then(() => log('promise 1')).then(() => log('promise 1b'));
queueMicrotask(() => {
  log('microtask 2');
  queueMicrotask(() => log('nested microtask'));
  Promise.resolve().then(() => log('nested promise'));
});
setTimeout(() => {
  log('timeout 0 #3');
  Promise.resolve().then(() => log('promise inside timeout'));
  queueMicrotask(() => log('microtask inside timeout'));
  setTimeout(() => {
    log('timeout from timeout');
    startInterval();
  }, 0);
}, 0);
setTimeout(() => log('timeout 1 (same as 0)'), 1);
// A string delay is a number; '1' keeps it among the 1 ms timers, in
// insertion order (a delay between the interval's ticks would race them
// on a loaded machine).
setTimeout(() => log('timeout string delay 1'), '1');
setTimeout(() => log('timeout NaN delay'), NaN);
setTimeout(() => log('timeout negative delay'), -5);
const cancelled = setTimeout(() => log('never'), 0);
clearTimeout(cancelled);
clearTimeout(undefined);
clearTimeout(123456);
clearInterval(null);
// The interval starts from the last of the first timers, not at the top:
// ticking from the start, its first tick would race them on a loaded
// machine (in node too).
function startInterval() {
  let ticks = 0;
  const iv = setInterval(() => {
    ticks++;
    log('interval tick', ticks);
    if (ticks === 3) {
      clearInterval(iv);
      log('interval cleared');
      step2();
    }
  }, 20);
}
log('sync end');

async function inner(tag) {
  log(tag, 'inner start');
  await null;
  log(tag, 'inner after await');
  return tag + '!';
}
async function outer() {
  log('outer start');
  const r = await inner('A');
  log('outer got', r);
  const [x, y] = await Promise.all([inner('B'), inner('C')]);
  log('all', x, y);
  try {
    await Promise.reject(new Error('rejected'));
  } catch (e) {
    log('caught', e.message);
  }
}
outer().then(() => log('outer done'));

function step2() {
  const order = [];
  for (let i = 0; i < 5; i++) setTimeout(() => order.push(i), 20);
  setTimeout(() => {
    log('equal delays in insertion order:', order.join(','));
    step3();
  }, 20);
}

function step3() {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  (async () => {
    for (let i = 0; i < 3; i++) {
      await sleep(1);
      log('slept', i);
    }
    try {
      setTimeout('not a function');
    } catch (e) {
      log(e.name, e.code, e.message);
    }
    try {
      queueMicrotask(null);
    } catch (e) {
      log(e.name, e.code, e.message);
    }
    const self = setInterval(() => {
      clearInterval(self);
      log('interval cleared inside first tick');
    }, 1);
    log('typeof this in callback:', await new Promise((r) => setTimeout(function () { r(typeof this); }, 1)));
  })();
}
