// More than the network limits allow: a 1 MiB and an endless response
// with fetch_bytes 64 KiB, and more requests in one call than
// fetch_requests (5), one after the other and all at once.

const url = (p: string) => `http://127.0.0.1:{{PORT}}${p}`;

export const big = async () => (await fetch(url("/big"))).text();
export const endless = async () => (await fetch(url("/endless"))).text();
export async function sequential() {
  for (let i = 0; i < 10; i++) await (await fetch(url("/count"))).text();
}
export async function parallel() {
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => fetch(url("/parallel"))));
  const names = results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as Error).name));
  return { ok: names.filter((n) => n === "ok").length, refused: names.filter((n) => n === "QuotaExceeded").length };
}
// The cap is per call: the next call has its five requests again.
export const nextCall = async () => (await fetch(url("/ok"))).text();
