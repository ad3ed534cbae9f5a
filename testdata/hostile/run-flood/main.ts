// Programs that flood their output: `yes` forever (stopped after 300 ms)
// and `seq` for about 20 MB. What the host keeps is capped at
// output_bytes (64 KiB, stdout and stderr together).

export async function yes() {
  const id = await core.processStart("yes", ["flood"]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await core.processStop(id);
  const r = await core.processWait(id);
  return { signal: r.signal, truncated: r.truncated, capped: r.stdout.length + r.stderr.length <= 65536, some: r.stdout.length > 0 };
}

export async function seq() {
  const id = await core.processStart("seq", ["1", "3000000"]);
  const r = await core.processWait(id);
  return { code: r.code, truncated: r.truncated, capped: r.stdout.length + r.stderr.length <= 65536, starts: r.stdout.slice(0, 6) };
}
