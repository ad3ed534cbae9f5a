// pako's gzip of about 1 MiB of text, for the CPU-heavy rows. The harness
// bundles this with esbuild (pako from the npm cache) into a script that
// defines the global pakoBench.
import { gzip } from "pako";

let input = null;
globalThis.pakoBench = {
  // prep makes `kib` KiB of word soup from a fixed generator (no
  // Math.random), compressible like prose.
  prep(kib) {
    const words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
      "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "0123", "4567"];
    const out = new Uint8Array(kib * 1024);
    let seed = 12345, n = 0;
    while (n < out.length) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const w = words[(seed >>> 16) % words.length];
      for (let i = 0; i < w.length && n < out.length; i++) out[n++] = w.charCodeAt(i);
      if (n < out.length) out[n++] = (seed & 15) === 0 ? 10 : 32;
    }
    input = out;
    return out.length;
  },
  // gzip returns the compressed size, which every engine must agree on.
  gzip() { return gzip(input, { level: 6 }).length; },
};
