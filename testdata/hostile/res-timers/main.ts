// A million timers, and intervals firing between calls (a timer spinning
// after its call: res-timers-spin).

function fill(make: () => void) {
  let i = 0;
  try {
    for (; i < 1000000; i++) make();
  } catch (e) {
    return { created: i, error: (e as Error).name, message: (e as Error).message };
  }
  return { created: i };
}

export const millionTimers = () => fill(() => setTimeout(() => {}, 1e9));

// Clears every timer id handed out so far.
export function clearAll() {
  for (let id = 0; id < 100000; id++) clearTimeout(id);
  return "cleared";
}

// 10,000 intervals of 0 ms keep firing between calls, in this instance
// only: the canary, pinged meanwhile, must not notice.
let ticks = 0;
export const millionIntervals = () => fill(() => setInterval(() => void ticks++, 0));
export const intervalTicks = () => ticks;
export const alive = () => "alive";
