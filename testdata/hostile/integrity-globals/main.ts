// Vandalises its own world: `core`, the prelude's globals (JSON, Promise,
// console, timers, TextEncoder), Object.prototype and the built-ins the
// glue code uses. It may break itself; the canary, in its own instance,
// must not notice, and the host must go on checking this module's
// requests as before.

const original = core;
const originalRead = core.fileRead;

// Each attempt on `core`: "refused" if core is unchanged afterwards
// (whether the attempt threw or was silently ignored), "REPLACED" if not.
export function overwriteCore() {
  const out: Record<string, string> = {};
  const g = globalThis as unknown as Record<string, unknown>;
  const attempts: Array<[string, () => void]> = [
    ["assign", () => (g.core = { fileRead: () => "forged" })],
    ["delete", () => delete g.core],
    ["define", () => Object.defineProperty(globalThis, "core", { value: {} })],
    ["method", () => ((core as unknown as Record<string, unknown>).fileRead = () => "forged")],
    ["defineMethod", () => Object.defineProperty(core, "fileRead", { value: () => "forged" })],
    ["prototype", () => Object.setPrototypeOf(core, { fileRead: () => "forged" })],
  ];
  for (const [name, attempt] of attempts) {
    try {
      attempt();
    } catch {
      // refused loudly
    }
    out[name] = g.core === original && core.fileRead === originalRead ? "refused" : "REPLACED";
  }
  return out;
}

// Names on globalThis that start with "__": the engine's private host
// object must not be among them.
export const hiddenGlobals = () => Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith("__")).sort();

export function clobber() {
  const P = Object.prototype as unknown as Record<string, unknown>;
  P.polluted = "yes";
  Object.defineProperty(Object.prototype, "toJSON", { value: () => "pwned", writable: true, configurable: true });
  Object.defineProperty(Object.prototype, "then", { value: undefined, writable: true, configurable: true });
  JSON.parse = () => "pwned";
  JSON.stringify = () => '"pwned"';
  const g = globalThis as unknown as Record<string, unknown>;
  g.Promise = function () {
    throw new Error("pwned");
  };
  console.log = () => {
    throw new Error("pwned");
  };
  g.setTimeout = () => 0;
  Array.prototype.push = () => 0;
  Array.isArray = () => true;
  Uint8Array.prototype.set = () => undefined;
  TextEncoder.prototype.encode = () => new Uint8Array(8);
  TextDecoder.prototype.decode = () => "pwned";
  DataView.prototype.getUint32 = () => 0xffffffff;
  String.prototype.startsWith = () => true;
  return "clobbered";
}

// After clobber: is this module still confined? It asks for what it is
// refused and for what it is granted, through whatever core still works.
// Object.prototype.toJSON turns the store's JSON requests into "pwned" and
// the broken TextEncoder garbles the write's frame: the host refuses both
// as malformed (TypeError). Nothing is granted that was not before.
export async function afterClobber() {
  const out: string[] = [];
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ["secret", () => core.fileRead("secrets/key.txt")],
    ["canary", () => core.fileRead("canary-data/ping.txt")],
    ["runtime", () => core.storeGet("_modules", "canary")],
    ["canaryStore", () => core.storeGet("x", "secret")],
    ["write", () => core.fileWrite("data/integrity-globals/ok.txt", "still works")],
    ["read", () => core.fileRead("data/integrity-globals/ok.txt")],
  ];
  for (const [name, attempt] of attempts) {
    try {
      const v = await attempt();
      out[out.length] = `${name}: ${v === undefined ? "ok" : String(v)}`;
    } catch (e) {
      out[out.length] = `${name}: ${(e as Error).name}`;
    }
  }
  return out.join("; ");
}

// Function.prototype.apply is what core's methods use to call their
// implementation: replacing it breaks this module's core, and only its.
export function clobberApply() {
  Function.prototype.apply = function () {
    return "pwned";
  } as never;
  return String(core.fileRead("secrets/key.txt"));
}
