// The deep file is refused before esbuild parses it: 600 KB of these
// brackets overflowed esbuild's stack and killed the host.
export { x } from "./lib/deep";
