// Results the host should not take: larger than the 16 MiB result cap,
// deeply nested, cyclic, or not JSON at all.

export const hugeString = () => "x".repeat(20 << 20);
export const hugeJSON = () => Array.from({ length: 20000 }, (_, i) => ({ i, s: "0123456789".repeat(100) }));
export const justUnder = () => "y".repeat((16 << 20) - 100).length;
// Serializing nesting this deep takes the engine time that grows much
// faster than the depth (10,000 levels: about 2 s); the timeout ends it.
export function deepResult() {
  let o: unknown[] = [];
  for (let i = 0; i < 100000; i++) o = [o];
  return o;
}
export function cyclic() {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
}
export const bigint = () => 1n;
export const fn = () => () => 1;
export const alive = () => "alive";
