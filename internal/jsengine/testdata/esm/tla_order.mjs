// Interleaving: promise jobs queued before an await run before the module
// resumes; timers run only once the job queue is empty.
const log = [];
Promise.resolve().then(() => log.push(1)).then(() => log.push(2)).then(() => log.push(3));
log.push("a");
await undefined;
log.push("b");
await Promise.resolve();
log.push("c");
setTimeout(() => log.push("t1"), 0);
setTimeout(() => log.push("t2"), 0);
await new Promise((r) => setTimeout(r, 0));
log.push("d");
await new Promise((r) => setTimeout(r, 5));
console.log(log.join(" "));
const thenable = { then(resolve) { log.push("thenable"); resolve("from a thenable"); } };
console.log(await thenable, log.at(-1));
async function* gen() { for (let i = 0; i < 3; i++) { await null; yield i; } }
const got = [];
for await (const v of gen()) got.push(v);
console.log(got.join(","));
console.log(await Promise.race([new Promise((r) => setTimeout(r, 30, "slow")), new Promise((r) => setTimeout(r, 1, "fast"))]));
console.log(await Promise.any([Promise.reject(1), Promise.resolve(2)]));
try {
  await Promise.any([Promise.reject(new Error("a")), Promise.reject(new Error("b"))]);
} catch (e) {
  console.log(e.name, e.errors.map((x) => x.message).join());
}
