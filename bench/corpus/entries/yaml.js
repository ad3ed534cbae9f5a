import YAML from "yaml";
const doc = YAML.parse("a: 1\nb: [x, y]\nc:\n  d: true\n  e: ~\nf: |\n  multi\n  line\ng: 2024-01-02\nanchors:\n  base: &b {k: 1}\n  copy: *b\n");
console.log(JSON.stringify(doc));
console.log(YAML.stringify({ name: "ada", list: [1, "two", { three: 3 }], nested: { a: null, b: "multi\nline" } }));
