// Asks to set the dynamic loader's LD_PRELOAD, the shell's BASH_ENV, Node's
// NODE_OPTIONS and PATH for a granted shell: each would let the module run
// its own code (a library written under a write grant, a startup file, a
// --require) inside the granted program. The manifest is refused, so this
// never runs.
export const preload = () =>
  core.processStart("sh", ["-c", "true"], { env: { LD_PRELOAD: "./data/evil.so", PATH: "./data" } });
