// Starts programs in a loop to exhaust the process cap (3 at once).

export async function exhaust() {
  const ids: number[] = [];
  try {
    for (let i = 0; i < 100; i++) ids.push(await core.processStart("sleep", ["10"]));
  } finally {
    for (const id of ids) await core.processStop(id);
    for (const id of ids) await core.processWait(id);
  }
}

// Stopped programs give their places back.
export async function afterStop() {
  const id = await core.processStart("sleep", ["0"]);
  const r = await core.processWait(id);
  return { code: r.code, signal: r.signal };
}

// Programs left running when the call returns: they end at the call's
// deadline (timeout 3s) or when the module unloads, and hold their places
// until then.
export async function abandon() {
  for (let i = 0; i < 3; i++) await core.processStart("sleep", ["30"]);
  return "left running";
}
export const stillFull = () => core.processStart("sleep", ["0"]);
