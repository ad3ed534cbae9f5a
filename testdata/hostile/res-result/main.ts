// Results the host should not take: larger than the 16 MiB result cap,
// cyclic, or not JSON at all (deeply nested: res-result-deep).

export const hugeString = () => "x".repeat(20 << 20);
export const hugeJSON = () => Array.from({ length: 20000 }, (_, i) => ({ i, s: "0123456789".repeat(100) }));
export const justUnder = () => "y".repeat((16 << 20) - 100).length;
export function cyclic() {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
}
export const bigint = () => 1n;
export const fn = () => () => 1;
export const alive = () => "alive";
