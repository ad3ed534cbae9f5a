// Code that never finishes: loops (one that tries to catch its own
// interruption), catastrophic backtracking, and promises that never
// settle or never stop. The call's timeout (1 s) ends each; the instance
// is discarded and the supervisor starts a new one. A promise nothing can
// settle any more is reported at once.

export function spin() {
  for (;;) {}
}

export function catchLoop() {
  for (;;) {
    try {
      for (;;) {}
    } catch {
      // an interrupted module must not get control back
    }
  }
}

export const backtrack = () => /(a*)*b/.test("a".repeat(100000));

export const neverSettles = () => new Promise(() => {});

// Microtasks that allocate nothing, so only the timeout can end them.
export function microtaskStorm() {
  const again = () => queueMicrotask(again);
  again();
  return new Promise(() => {});
}

export async function asyncSpin() {
  await null;
  for (;;) {}
}

export const alive = () => "alive";
