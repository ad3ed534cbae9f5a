// Huge file writes and reads against write_bytes and read_bytes (64 KiB).

export const hugeWrite = () => core.fileWrite("data/res-write/huge.txt", "x".repeat(256 << 10));
export const hugeBytes = () => core.fileWriteBytes("data/res-write/huge.bin", new Uint8Array(24 << 20));
export const hugeRead = () => core.fileRead("data/res-write/big.txt");
export const hugeReadBytes = async () => (await core.fileReadBytes("data/res-write/big.txt")).length;
export async function nothingLeft() {
  return (await core.fileList("data/res-write")).map((f) => f.name).sort();
}
// Each write within the limit; together more than it.
export async function manyWrites() {
  const chunk = new Uint8Array(64 << 10);
  for (let i = 0; i < 8; i++) await core.fileWrite(`data/res-write/part${i}.bin`, chunk);
  return (await core.fileList("data/res-write")).length;
}
