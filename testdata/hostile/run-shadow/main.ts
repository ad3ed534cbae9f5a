// This module's directory holds an executable named "echo" (the test makes
// it executable). The granted "echo" must be the host's, found on its PATH
// when the module was bound: not this file, whatever the working directory
// or the PATH the program is given.

async function run(cmd: string, opts?: ProcessOptions) {
  const id = await core.processStart(cmd, ["real echo"], opts);
  const r = await core.processWait(id);
  return r.stdout;
}

export const plain = () => run("echo");
export const fromModuleDir = () => run("echo", { cwd: "run-shadow" });
export const withDotPath = () => run("echo", { cwd: "run-shadow", env: { PATH: "." } });
export const withModulePath = () => run("echo", { env: { PATH: "run-shadow" } });
export const byPath = () => run("run-shadow/echo");
export const byDotPath = () => run("./echo", { cwd: "run-shadow" });
