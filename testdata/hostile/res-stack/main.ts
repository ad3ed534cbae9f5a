// Recursion without end, directly and through the engine's own recursive
// parts (JSON, toString, getters, proxies). A stack overflow is an
// ordinary error: the instance survives it. The timeout here is the
// default (30 s), so the stack limit is never racing a short timeout on a
// busy machine; recursion the timeout must end is in res-stack-timeout.

export function recurse(): number {
  return recurse() + 1;
}
export const deepParse = () => JSON.parse("[".repeat(1000000));
export function toStringLoop() {
  const o = { toString(): string { return `${o}`; } };
  return String(o);
}
export function proxyLoop() {
  const p: Record<string, unknown> = new Proxy({}, { get: (_t, k) => p[k as string] });
  return p.x;
}
export const alive = () => "alive";
