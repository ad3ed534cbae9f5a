import * as pako from "pako";
const hex = (u) => Array.from(u).map((b) => b.toString(16).padStart(2, "0")).join("");
const input = new TextEncoder().encode("hello hello hello hello world ".repeat(20));
const def = pako.deflate(input), gz = pako.gzip(input, { header: { mtime: 0 } }), raw = pako.deflateRaw(input, { level: 9 });
console.log(def.length, hex(def), gz.length, raw.length);
console.log(new TextDecoder().decode(pako.inflate(def)).length, pako.ungzip(gz, { to: "string" }).slice(0, 11), pako.inflateRaw(raw).length);
try { pako.inflate(new Uint8Array([1, 2, 3])); } catch (e) { console.log("error:", String(e)); }
