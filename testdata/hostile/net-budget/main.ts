// A call spends its five requests (fetch_requests: 5), then leaves work
// behind that tries to fetch after it returned: a setInterval, a chain of
// setTimeouts, a promise chain continued by a host result that arrives
// between calls, and a timer set by that continuation. Each of them used to
// run with a fresh count; all of them belong to the call that set them off.

const url = (p: string) => `http://127.0.0.1:{{PORT}}${p}`;

let ok = 0, refused = 0, other = "", done = 0;

function hit(): Promise<void> {
  return fetch(url("/budget")).then(
    (r) => r.text().then(() => { ok++; }),
    (e: Error) => { if (e.name === "QuotaExceeded") refused++; else other = `${e.name}: ${e.message}`; },
  );
}

export async function flood() {
  for (let i = 0; i < 5; i++) await hit();
  let ticks = 0;
  const iv = setInterval(() => {
    hit();
    if (++ticks >= 10) { clearInterval(iv); done++; }
  }, 1);
  let k = 0;
  const chain = () => hit().then(() => { if (++k < 10) setTimeout(chain, 0); else done++; });
  setTimeout(chain, 0);
  // A host result that settles after the call returned (this fetch's own
  // refusal), whose continuation fetches, then sets a timer that fetches.
  fetch(url("/budget")).catch(() => {}).then(async () => {
    for (let i = 0; i < 5; i++) await hit();
    setTimeout(() => { hit().then(() => { done++; }); }, 1);
  });
  return "scheduled";
}

export const report = () => ({ ok, refused, other, done });

// The next call has its own five requests.
export async function nextCall() {
  for (let i = 0; i < 5; i++) await (await fetch(url("/next"))).text();
  return "ok";
}
