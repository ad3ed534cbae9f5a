// Top-level await in an ES module: evaluation order against timers and
// promise jobs, strict mode, for await, and a refused run-time import.
console.log("start", typeof this, (function () { return typeof this; })());
const order = [];
setTimeout(() => order.push("timeout 0"), 0);
queueMicrotask(() => order.push("microtask"));
Promise.resolve().then(() => order.push("then"));
order.push("sync");
await null;
order.push("after await null");
await new Promise((r) => setTimeout(r, 10));
order.push("after 10ms");
console.log(order.join(", "));
try {
  undeclared = 1;
} catch (e) {
  console.log("strict:", e.name);
}
try {
  await import("./no-such-module.mjs");
} catch (e) {
  console.log("import:", e.name, e.code, e instanceof Error);
}
for await (const x of (async function* () { yield 1; await null; yield 2; })()) console.log("for await", x);
const settled = await Promise.allSettled([Promise.reject(new Error("x")), 1, new Promise((r) => setTimeout(r, 1, "late"))]);
console.log(settled.map((r) => r.status + ":" + (r.value ?? r.reason.message)).join(" "));
const late = new Promise((_, reject) => setTimeout(() => reject(new TypeError("caught later")), 5));
try {
  await late;
} catch (e) {
  console.log("caught:", e.name, e.message);
}
let ticks = 0;
const id = setInterval(() => ticks++, 1);
await new Promise((r) => setTimeout(r, 20));
clearInterval(id);
console.log("interval ticked:", ticks > 0);
export const answer = 42;
export default function () {}
console.log("end", typeof import.meta, typeof import.meta.url, import.meta.url.startsWith("file:///"));
setTimeout(() => console.log("a timer after the module's evaluation"), 5);
