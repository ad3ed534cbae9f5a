// Counts calls in the module's own group with compare-and-set, so two
// writers never lose an update, and reads a shared setting.
export async function count() {
  for (;;) {
    const cur = await core.storeGetEntry<number>("counters", "calls");
    const next = (cur ? cur.value : 0) + 1;
    const r = await core.storeCompareAndSet("counters", "calls", next, cur ? cur.version : 0);
    if (r.ok) {
      const theme = (await core.storeGet<string>("shared-settings", "theme")) ?? "light";
      return { calls: next, theme };
    }
  }
}

export async function setTheme(theme: string) {
  await core.storeSet("shared-settings", "theme", theme);
  return theme;
}
