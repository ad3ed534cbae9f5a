// Deep work that never overflows the stack, or catches the overflow and
// goes on: only the timeout (1 s) ends it.

// JSON.stringify does not overflow on deep nesting: its time grows much
// faster than the depth, so the timeout ends it.
export function deepStringify() {
  let o: unknown[] = [];
  for (let i = 0; i < 100000; i++) o = [o];
  return JSON.stringify(o).length;
}
export function catchAndRecurse() {
  // Catching the overflow and recursing again: exponential work, so the
  // timeout ends it.
  const f = (): void => {
    try {
      f();
    } catch {
      f();
    }
  };
  f();
}
export const alive = () => "alive";
