// Reaching another module's data with a forged identity. No core method
// takes a module code: the host knows which instance called. So the
// attempts go through names: group names that look like paths or carry
// the canary's code, keys that do, the canary's files, and redefining
// core.module.

const forgedGroups = [
  "../canary/x", "canary/x", "/canary/x", "canary:x", "canary\\x", "canary.x", "canary%2Fx",
  "x/../../canary/x", "..", "../x", "canary", "__proto__", "constructor", "x\u200b", "X",
];

// ("__proto__" starts with "_": one of the runtime's groups, refused.)
// Each forged group with what it gave: "null" if it holds nothing for
// this module, an error name if refused, "LEAK" if the canary's secret.
export async function forgedGroupNames() {
  const out: Array<[string, string]> = [];
  for (const g of forgedGroups) {
    try {
      const v = await core.storeGet(g, "secret");
      out.push([g, v === "canary-secret" ? "LEAK" : String(v)]);
    } catch (e) {
      out.push([g, (e as Error).name]);
    }
  }
  return out;
}

export async function forgedKeys() {
  const out: Record<string, string> = {};
  for (const k of ["../canary/x/secret", "canary/x/secret", "canary\u0000x\u0000secret", "/x/secret"]) {
    try {
      const v = await core.storeGet("x", k);
      out[k] = v === "canary-secret" ? "LEAK" : String(v);
    } catch (e) {
      out[k] = (e as Error).name;
    }
  }
  return out;
}

// Writes under the forged names land in this module's own partition: the
// canary still reads its own value (checked after every call).
export async function forgedWrites() {
  for (const g of ["../canary/x", "canary/x", "canary"]) await core.storeSet(g, "secret", "forged");
  return (await core.storeList("canary/x")).entries.length;
}

// Whether the attempts throw or are silently ignored, core.module must
// still be this module.
export function redefineModule() {
  try {
    Object.defineProperty(core, "module", { value: { code: "canary" } });
  } catch {
    // refused
  }
  try {
    (core as unknown as Record<string, unknown>).module = { code: "canary" };
  } catch {
    // refused
  }
  return core.module.code;
}

export const readCanaryFile = () => core.fileRead("canary-data/ping.txt");
export const writeCanaryFile = () => core.fileWrite("canary-data/ping.txt", "forged");
export const readCanaryCode = () => core.fileRead("canary/main.ts");
export const viaOwnGrant = () => core.fileRead("data/integrity-identity/../../canary-data/ping.txt");
