// Programs and options this module is not granted: only "echo" is, by
// exact name; no shell, no paths, no environment variables, no working
// directory outside the app root.

export const notGranted = () => core.processStart("cat", ["/etc/passwd"]);
export const shell = () => core.processStart("sh", ["-c", "id"]);
export const absolutePath = () => core.processStart("/bin/echo", ["x"]);
export const relativePath = () => core.processStart("./echo", ["x"]);
export const traversal = () => core.processStart("../../../bin/echo", ["x"]);
export const otherCase = () => core.processStart("ECHO", ["x"]);
export const trailingSpace = () => core.processStart("echo ", ["x"]);
export const nulName = () => core.processStart("echo\u0000sh", ["x"]);
export const envNotGranted = () => core.processStart("echo", ["x"], { env: { MY_VAR: "x" } });
export const envLoader = () => core.processStart("echo", ["x"], { env: { LD_PRELOAD: "/tmp/x.so" } });
export const cwdParent = () => core.processStart("echo", ["x"], { cwd: ".." });
export const cwdAbsolute = () => core.processStart("echo", ["x"], { cwd: "/" });
export const nulArgument = () => core.processStart("echo", ["a\u0000b"]);
export const waitUnknown = () => core.processWait(424242);
export const stopUnknown = () => core.processStop(1);
