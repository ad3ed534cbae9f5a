// Recursion without end, directly and through the engine's own recursive
// parts (JSON, toString, getters, proxies). A stack overflow is an
// ordinary error: the instance survives it.

export function recurse(): number {
  return recurse() + 1;
}
export const deepParse = () => JSON.parse("[".repeat(1000000));
// JSON.stringify does not overflow on deep nesting: its time grows much
// faster than the depth, so the timeout ends it.
export function deepStringify() {
  let o: unknown[] = [];
  for (let i = 0; i < 100000; i++) o = [o];
  return JSON.stringify(o).length;
}
export function toStringLoop() {
  const o = { toString(): string { return `${o}`; } };
  return String(o);
}
export function proxyLoop() {
  const p: Record<string, unknown> = new Proxy({}, { get: (_t, k) => p[k as string] });
  return p.x;
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
