import * as yaml from "js-yaml";
console.log(JSON.stringify(yaml.load("key: value\nlist:\n  - 1\n  - 2.5\n  - true\nobj: {a: b}\ndate: 2001-12-14t21:59:43.10-05:00\n")));
console.log(yaml.dump({ a: [1, 2], b: { c: "d", e: "multi\nline" }, f: null, g: "yes" }));
try { yaml.load("a: [1, 2"); } catch (e) { console.log(e.name, e.reason); }
