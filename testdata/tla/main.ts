// Top-level await: the module sets itself up before any call. The load
// waits for this code to settle (under the module's limits), so every
// export sees `settings` ready.
const stored = await core.storeGet<{ greeting: string }>("settings", "greeting");
const settings = stored ?? { greeting: "hello" };
await new Promise((resolve) => setTimeout(resolve, 10));
console.log("ready at", import.meta.url);

export function greet(name: string) {
  return `${settings.greeting}, ${name}`;
}
