// A second file, so stacks cross files.

export function helper(n: number): number {
  if (n < 0) {
    throw new RangeError(`negative: ${n}`); // THROW_UTIL
  }
  return n;
}
