// Every way out this module can think of; each must be refused.
const attempts: Array<[string, () => Promise<unknown>]> = [
  ["parent", () => core.fileRead("../../etc/passwd")],
  ["absolute", () => core.fileRead("/etc/passwd")],
  ["drive", () => core.fileRead("C:\\Windows\\win.ini")],
  ["unc", () => core.fileRead("\\\\server\\share\\x")],
  ["stream", () => core.fileRead("data/x:secret")],
  ["nul", () => core.fileRead("data/x\u0000.txt")],
  ["prefix", () => core.fileRead("data-secrets/key")],
  ["write-parent", () => core.fileWrite("data/../main.ts", "pwned")],
  ["runtime-group", () => core.storeGet("_modules", "escape")],
  ["metadata", () => fetch("http://169.254.169.254/latest/meta-data/")],
  ["loopback", () => fetch("http://127.0.0.1:22/")],
  ["decimal-ip", () => fetch("http://2130706433/")],
  ["mapped-ipv6", () => fetch("http://[::ffff:127.0.0.1]/")],
  ["shell", () => core.processStart("sh", ["-c", "id"])],
  ["path-program", () => core.processStart("/bin/echo", ["x"])],
  ["env", () => core.processStart("echo", ["x"], { env: { LD_PRELOAD: "./data/x.so" } })],
];

export async function tryAll() {
  const out: Record<string, string> = {};
  for (const [name, attempt] of attempts) {
    try {
      await attempt();
      out[name] = "ALLOWED";
    } catch (e) {
      out[name] = (e as Error).name;
    }
  }
  return out;
}
