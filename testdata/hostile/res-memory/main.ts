// Allocations past the 32 MiB memory limit, all at once and bit by bit.

export function bomb() {
  const keep: number[][] = [];
  for (;;) keep.push(new Array(1 << 16).fill(7));
}
export const arrayBuffer = () => new ArrayBuffer(2 ** 31).byteLength;
export const arrayBufferMax = () => new ArrayBuffer(2 ** 32 - 1).byteLength;
export const typedArray = () => new Float64Array(2 ** 28).length;
export function stringDoubling() {
  let s = "x";
  for (;;) s += s;
}
export function mapBomb() {
  const m = new Map<number, string>();
  for (let i = 0; ; i++) m.set(i, "v" + i);
}
export const sparseArray = () => {
  const a: number[] = [];
  a[2 ** 32 - 2] = 1;
  return a.length;
};
export const alive = () => "alive";
