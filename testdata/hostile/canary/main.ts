// The canary is a well-behaved module loaded beside every hostile one. Its
// answers never change: if a hostile module could reach its store, its
// files, its globals or its share of the host, ping would say so.

export async function init(core: Core) {
  // A value in the canary's own group "x": hostile modules try to read and
  // overwrite it through their own group "x", forged group names and a
  // shared group "x".
  await core.storeSet("x", "secret", "canary-secret");
}

export async function ping(n: number) {
  const secret = await core.storeGet("x", "secret");
  await core.fileWrite("canary-data/ping.txt", `ping ${n}`);
  const file = await core.fileRead("canary-data/ping.txt");
  const doubled = await Promise.resolve(n * 2);
  const plain: Record<string, unknown> = {};
  const timer = await new Promise((resolve) => setTimeout(() => resolve("tick"), 1));
  return {
    n,
    doubled,
    secret,
    file,
    json: JSON.parse(JSON.stringify({ a: [1, "b"] })),
    tag: Object.prototype.toString.call([]),
    polluted: Object.keys(Object.getPrototypeOf(plain)).length > 0 || "toJSON" in plain,
    timer,
    module: core.module.code,
  };
}
