// The same loops against a fuel budget (2,000,000 steps) with a long
// timeout: fuel ends them, deterministically.

export function spin() {
  for (;;) {}
}
export const backtrack = () => /(a*)*b/.test("a".repeat(100000));
export function microtaskStorm() {
  const again = (): Promise<void> => Promise.resolve().then(again);
  again();
  return new Promise(() => {});
}
// Microtasks that allocate nothing: only fuel or the timeout can end it.
export function queueStorm() {
  const again = () => queueMicrotask(again);
  again();
  return new Promise(() => {});
}
export const alive = () => "alive";
