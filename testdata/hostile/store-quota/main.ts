// Floods its own store partition (quota: 64 KiB and 200 keys) until the
// store refuses, then tries the ways around a full quota: overwriting with
// a larger value, compare-and-set, another group.

const pad = (i: number) => String(i).padStart(5, "0");

async function flood(group: string, value: string) {
  let i = 0;
  for (;;) {
    try {
      await core.storeSet(group, `k${pad(i)}`, value);
      i++;
    } catch (e) {
      return { written: i, error: (e as Error).name, message: (e as Error).message };
    }
  }
}

async function clear(group: string) {
  for (;;) {
    const page = await core.storeList(group);
    for (const e of page.entries) await core.storeDelete(group, e.key);
    if (page.cursor === null) return;
  }
}

export async function floodKeys() {
  const r = await flood("keys", "1");
  await clear("keys");
  if (r.error !== "QuotaExceeded") throw new Error(`unexpected ${r.error}: ${r.message}`);
  return { written: r.written, message: r.message };
}

export async function floodBytes() {
  const r = await flood("bytes", "x".repeat(1000));
  const e = new Error(`${r.message} (after ${r.written} values)`);
  e.name = r.error;
  throw e;
}

export const growExisting = () => core.storeSet("bytes", "k00000", "x".repeat(4000));
export const casNew = () => core.storeCompareAndSet("bytes", "new", "x".repeat(1000), 0);
export const otherGroup = () => core.storeSet("other", "k", "x".repeat(2000));
export async function shrinkExisting() {
  await core.storeSet("bytes", "k00000", "small");
  return core.storeGet("bytes", "k00000");
}
