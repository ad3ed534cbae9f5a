// The module of kv/etcdkv's runtime tests: several runtimes on one etcd
// cluster run it at once.

// Adds 1 to the shared counter n times with compare-and-set, retrying on
// conflict, and says how many conflicts it met.
export async function increment(n: number) {
  let conflicts = 0;
  for (let i = 0; i < n; i++) {
    for (;;) {
      const cur = await core.storeGetEntry<number>("tally", "count");
      const r = await core.storeCompareAndSet("tally", "count", (cur ? cur.value : 0) + 1, cur ? cur.version : 0);
      if (r.ok) break;
      conflicts++;
    }
  }
  return { conflicts };
}

export async function read() {
  return (await core.storeGet<number>("tally", "count")) ?? 0;
}

// Writes n new keys into the module's own group "mine" and reports which
// were stored and how many the quota refused.
export async function fill(input: { prefix: string; n: number }) {
  const stored: string[] = [];
  let refused = 0;
  for (let i = 0; i < input.n; i++) {
    const key = `${input.prefix}${i}`;
    try {
      await core.storeSet("mine", key, key);
      stored.push(key);
    } catch (e) {
      if ((e as Error).name !== "QuotaExceeded") throw e;
      refused++;
    }
  }
  return { stored, refused };
}
