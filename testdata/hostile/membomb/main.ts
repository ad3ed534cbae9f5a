export function bomb() {
  const keep: number[][] = [];
  for (;;) keep.push(new Array(1 << 16).fill(7));
}
